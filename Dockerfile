# One image for every Lifestone service; the command picks the service.
# The build stage compiles every workspace to JavaScript (each its dist/) and
# builds the dashboard; the run stage holds production dependencies and the
# compiled code only, run by `node --conditions=compiled`, which resolves the
# workspaces' exports to their dist/ (README, Running compiled).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY lib/package.json lib/
COPY ingest/package.json ingest/
COPY simulator/package.json simulator/
COPY subgraphs/telemetry/package.json subgraphs/telemetry/
COPY subgraphs/inventory/package.json subgraphs/inventory/
COPY subgraphs/combat/package.json subgraphs/combat/
COPY subgraphs/assistant/package.json subgraphs/assistant/
COPY subgraphs/accounts/package.json subgraphs/accounts/
COPY gateway/package.json gateway/
COPY agent/package.json agent/
COPY discord/package.json discord/
COPY minecraft/package.json minecraft/
COPY web/package.json web/
COPY test-kit/package.json test-kit/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/lib/package.json lib/
COPY --from=build /app/ingest/package.json ingest/
COPY --from=build /app/simulator/package.json simulator/
COPY --from=build /app/subgraphs/telemetry/package.json subgraphs/telemetry/
COPY --from=build /app/subgraphs/inventory/package.json subgraphs/inventory/
COPY --from=build /app/subgraphs/combat/package.json subgraphs/combat/
COPY --from=build /app/subgraphs/assistant/package.json subgraphs/assistant/
COPY --from=build /app/subgraphs/accounts/package.json subgraphs/accounts/
COPY --from=build /app/gateway/package.json gateway/
COPY --from=build /app/agent/package.json agent/
COPY --from=build /app/discord/package.json discord/
COPY --from=build /app/minecraft/package.json minecraft/
COPY --from=build /app/web/package.json web/
COPY --from=build /app/test-kit/package.json test-kit/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist dist/
COPY --from=build /app/lib/dist lib/dist/
COPY --from=build /app/ingest/dist ingest/dist/
COPY --from=build /app/simulator/dist simulator/dist/
COPY --from=build /app/subgraphs/telemetry/dist subgraphs/telemetry/dist/
COPY --from=build /app/subgraphs/inventory/dist subgraphs/inventory/dist/
COPY --from=build /app/subgraphs/combat/dist subgraphs/combat/dist/
COPY --from=build /app/subgraphs/assistant/dist subgraphs/assistant/dist/
COPY --from=build /app/subgraphs/accounts/dist subgraphs/accounts/dist/
COPY --from=build /app/gateway/dist gateway/dist/
COPY --from=build /app/agent/dist agent/dist/
COPY --from=build /app/discord/dist discord/dist/
COPY --from=build /app/minecraft/dist minecraft/dist/
# The gateway serves the dashboard from web/dist, and composes the supergraph
# from the subgraphs' SDL files where the sources keep them.
COPY --from=build /app/web/dist web/dist/
COPY --from=build /app/subgraphs/telemetry/telemetry.graphql subgraphs/telemetry/
COPY --from=build /app/subgraphs/inventory/inventory.graphql subgraphs/inventory/
COPY --from=build /app/subgraphs/combat/combat.graphql subgraphs/combat/
COPY --from=build /app/subgraphs/assistant/assistant.graphql subgraphs/assistant/
COPY --from=build /app/subgraphs/accounts/accounts.graphql subgraphs/accounts/
# Folders the services write as the node user: the data folder (the first
# admin's password), the Discord bot's cursors, the assistant's audit log;
# named volumes mounted there take this ownership.
RUN mkdir -p .lifestone /var/lib/lifestone /var/log/lifestone && chown node:node .lifestone /var/lib/lifestone /var/log/lifestone
USER node
ENV LIFESTONE_HOST=0.0.0.0
CMD ["node", "--conditions=compiled", "--max-semi-space-size=64", "ingest/dist/main.js"]
