# One image for every Lifestone service; the command picks the service.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY lib/package.json lib/
COPY ingest/package.json ingest/
COPY simulator/package.json simulator/
COPY subgraphs/telemetry/package.json subgraphs/telemetry/
COPY subgraphs/inventory/package.json subgraphs/inventory/
COPY subgraphs/combat/package.json subgraphs/combat/
COPY subgraphs/assistant/package.json subgraphs/assistant/
COPY gateway/package.json gateway/
COPY agent/package.json agent/
COPY web/package.json web/
RUN npm ci --no-audit --no-fund
COPY . .
# The gateway serves the dashboard from web/dist.
RUN npm run build -w web
USER node
ENV LIFESTONE_HOST=0.0.0.0
CMD ["node", "--max-semi-space-size=64", "--single-threaded-gc", "--import", "tsx", "ingest/src/main.ts"]
