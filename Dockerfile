# One image for every Lifestone service; the command picks the service.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY lib/package.json lib/
COPY ingest/package.json ingest/
COPY simulator/package.json simulator/
RUN npm ci --no-audit --no-fund
COPY . .
USER node
ENV LIFESTONE_HOST=0.0.0.0
CMD ["npx", "tsx", "ingest/src/main.ts"]
