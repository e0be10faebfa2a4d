# Tidings services (broker, bridge, api, migrate). NOT exercised on the development machines,
# which have no Docker engine; see docs/operations.md.
FROM node:20-bookworm-slim
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY . .
RUN npm ci --no-audit --no-fund
ENV TIDINGS_HOST=0.0.0.0
ENTRYPOINT ["node", "--max-semi-space-size=32", "--import", "tsx", "platform/src/node.ts"]
