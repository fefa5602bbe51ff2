# QuoteGraph service image (docker compose): API, explorer and CLI; Neo4j runs in its own container.
FROM node:20-bookworm-slim
WORKDIR /app
# onnxruntime-node's install would fetch CUDA files this CPU-only image never uses
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY . .
# npm ci builds dist/ (the prepare script needs the dev dependencies); they are dropped after
RUN npm ci && npm prune --omit=dev
ENV NODE_ENV=production
EXPOSE 4000
CMD ["node", "bin/quotegraph.js", "start"]
