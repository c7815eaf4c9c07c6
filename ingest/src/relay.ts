import type { Logger } from '@lifestone/lib/log';
import { commandFrame, shareVitalsOutFrame, type FrameOf } from '@lifestone/lib/protocol';
import { topics, type PubSub, type PubSubMessage, type Subscription } from '@lifestone/lib/pubsub';

/** What the relay needs of a plugin connection: a way to send it a frame, or a frame already serialised. */
export interface PluginLink {
  send(frame: object): void;
  sendText(text: string): void;
}

/** The pubsub message asking a character's plugin to run a game command. */
export interface CommandMessage {
  command: string;
}

/**
 * Traffic back to plugins. A plugin is reachable through the pubsub whichever
 * ingest instance holds it: this instance subscribes to the command topic of
 * every character connected here, and to the vital-sharing topic of every
 * fellowship they share vitals with.
 */
export class PluginRelay {
  private readonly characters = new Map<string, { links: Set<PluginLink>; subscription: Promise<Subscription> }>();
  private readonly groups = new Map<string, { links: Map<PluginLink, Set<string>>; subscription: Promise<Subscription> }>();
  /** The characters and fellowships each link joined, so that removing one link touches only those. */
  private readonly memberships = new Map<PluginLink, { characters: Set<string>; groups: Set<string> }>();

  constructor(
    private readonly pubsub: PubSub,
    private readonly log: Logger,
  ) {}

  /** Routes commands for `character` to `link` from now on. */
  addCharacter(link: PluginLink, character: string): void {
    this.membershipOf(link).characters.add(character);
    const entry = this.characters.get(character);
    if (entry) {
      entry.links.add(link);
      return;
    }
    const links = new Set([link]);
    const subscription = this.pubsub.subscribe(topics.command(character), (message) => this.deliverCommand(character, links, message));
    subscription.catch((error) => this.log.error({ err: error, character }, 'subscribing to commands failed'));
    this.characters.set(character, { links, subscription });
  }

  /**
   * Joins `frame`'s plugin to its fellowship here, and returns the message
   * that relays it to the fellowship's other plugins, here and on other
   * instances: the publisher sends it, bounded and counted with the rest.
   */
  shareVitals(link: PluginLink, frame: FrameOf<'share_vitals'>): PubSubMessage {
    this.joinGroup(link, frame.group, frame.character_name);
    return { topic: topics.shareVitals(frame.group), key: frame.character_name, payload: JSON.stringify(shareVitalsOutFrame(frame)) };
  }

  /** Forgets `link` everywhere; unsubscribes topics no connection here needs any more. */
  async remove(link: PluginLink): Promise<void> {
    const membership = this.memberships.get(link);
    if (!membership) return;
    this.memberships.delete(link);
    const released: Promise<Subscription>[] = [];
    for (const character of membership.characters) {
      const entry = this.characters.get(character);
      if (entry?.links.delete(link) && entry.links.size === 0) {
        this.characters.delete(character);
        released.push(entry.subscription);
      }
    }
    for (const group of membership.groups) {
      const entry = this.groups.get(group);
      if (entry?.links.delete(link) && entry.links.size === 0) {
        this.groups.delete(group);
        released.push(entry.subscription);
      }
    }
    // A subscription that failed (logged when it did) has nothing to release; neither failure may escape the socket's close.
    await Promise.all(released.map((subscription) => subscription.then((active) => active.unsubscribe()).catch(() => {})));
  }

  private membershipOf(link: PluginLink): { characters: Set<string>; groups: Set<string> } {
    let membership = this.memberships.get(link);
    if (!membership) this.memberships.set(link, (membership = { characters: new Set(), groups: new Set() }));
    return membership;
  }

  private joinGroup(link: PluginLink, group: string, character: string): void {
    this.membershipOf(link).groups.add(group);
    const entry = this.groups.get(group);
    if (entry) {
      const names = entry.links.get(link) ?? new Set<string>();
      names.add(character);
      entry.links.set(link, names);
      return;
    }
    const links = new Map([[link, new Set([character])]]);
    const subscription = this.pubsub.subscribe(topics.shareVitals(group), (message) => {
      // The payload is the frame plugins get, already serialised (see shareVitals).
      for (const [member, names] of links) if (!names.has(message.key)) member.sendText(message.payload);
    });
    subscription.catch((error) => this.log.error({ err: error, group }, 'subscribing to shared vitals failed'));
    this.groups.set(group, { links, subscription });
  }

  private deliverCommand(character: string, links: Set<PluginLink>, message: PubSubMessage): void {
    let command: unknown;
    try {
      command = (JSON.parse(message.payload) as Partial<CommandMessage>).command;
    } catch {
      command = undefined;
    }
    if (typeof command !== 'string') {
      this.log.warn({ character, payload: message.payload }, 'ignoring a command message without a command string');
      return;
    }
    for (const link of links) link.send(commandFrame(command));
    this.log.info({ character, command, plugins: links.size }, 'command sent to plugin');
  }
}
