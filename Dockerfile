# QuoteGraph service image (docker compose): API, explorer and CLI; Neo4j runs in its own container.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev
COPY . .
EXPOSE 4000
CMD ["node", "bin/quotegraph.js", "start"]
