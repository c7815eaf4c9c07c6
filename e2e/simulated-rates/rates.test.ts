import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFleet, type FleetHandle } from '@lifestone/simulator';
import { TEST_SECRET } from '@lifestone/test-kit/ingest';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';

/** Simulated seconds per real second: sheets 10 simulated minutes apart arrive 75 s apart, past the rate's one minute. */
const SPEED = 8;
const FLEET_RATES = '{ fleetRates(window: HOUR) { characters { name } total { xpEarned xpPerHour valueGained valuePerHour kills } } }';

interface FleetRates {
  characters: { name: string }[];
  total: { xpEarned: number | null; xpPerHour: number | null; valueGained: number; valuePerHour: number; kills: number };
}

describe('the simulated fleet against ingest and PostgreSQL', () => {
  let stack: TestStack;
  let fleet: FleetHandle;

  beforeAll(async () => {
    stack = await startTestStack();
    fleet = runFleet({ url: stack.ingest.ingest.pluginUrl, secret: TEST_SECRET, characters: 6, seed: 3, speed: SPEED, rampUpMs: 100, tickMs: 100 });
  });

  afterAll(async () => {
    await fleet?.stop();
    await stack?.close();
  });

  it('moves the fleet\'s rates: experience per hour from its sheets, value per hour from its loot', { timeout: 180_000 }, async () => {
    const rates = async (): Promise<FleetRates> => {
      const response = await stack.graphql<{ fleetRates: FleetRates }>(FLEET_RATES, undefined, { cookie: stack.adminCookie });
      expect(response.body.errors).toBeUndefined();
      return response.body.data!.fleetRates;
    };
    // At first: characters reporting, nothing earned to measure yet.
    await expect.poll(async () => (await rates()).characters.length, { timeout: 20_000, interval: 500 }).toBe(6);
    expect((await rates()).total.xpPerHour).toBeNull();

    // The second sheet of each session comes 75 s after its first; loot every few simulated minutes.
    await expect
      .poll(async () => {
        const { total } = await rates();
        return (total.xpPerHour ?? 0) > 0 && total.valueGained > 0;
      }, { timeout: 150_000, interval: 2_000 })
      .toBe(true);
    const { total } = await rates();
    expect(total.kills).toBeGreaterThan(0);
    expect(total.xpEarned).toBeGreaterThan(0);
    expect(total.xpPerHour).toBeGreaterThan(0);
    expect(total.valueGained).toBeGreaterThan(0);
    expect(total.valuePerHour).not.toBe(0);
    expect(fleet.stats()).toMatchObject({ errorsReceived: 0, framesDropped: 0 });
  });
});
