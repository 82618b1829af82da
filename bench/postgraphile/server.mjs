// PostGraphile v5 over the bench database: the peer a user would pick instead of DtHub.
// Production mode (no GraphiQL, no explain, no watch), PostGIS and connection-filter presets, same indexes.
// Usage: node --import ./polyfill.mjs server.mjs  (DATABASE_URL, PORT)
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import { PostGraphileConnectionFilterPreset } from "postgraphile-plugin-connection-filter";
import { GraphilePostgisPreset } from "graphile-postgis";
import { PostgisConnectionFilterPreset } from "graphile-plugin-connection-filter-postgis";

const preset = {
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset, GraphilePostgisPreset, PostgisConnectionFilterPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ["public"], poolConfig: { max: 20 } })],
  grafserv: { port: Number(process.env.PORT ?? 5678), graphiql: false, watch: false, maxRequestLength: 1_000_000 },
  grafast: { explain: false },
  // Without this v5 hides relations and filters whose columns lack a plain index; ward_reports.ward_id is only
  // covered by a partial unique index, so ward → reports would be missing. Indexes themselves are unchanged.
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  schema: { exportSchemaSDLPath: process.env.SDL_PATH },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.once("listening", () => console.log(`postgraphile listening on 127.0.0.1:${preset.grafserv.port}`));
serv.addTo(server).catch((e) => { console.error(e); process.exit(1); });
server.listen(preset.grafserv.port, "127.0.0.1");
