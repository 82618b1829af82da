using DtHub.Bench;

// dthub-bench generate --scale city|national|0.1 --db "<connection string>"
// dthub-bench run --scale … --db … --dthub http://127.0.0.1:PORT/graphql [--postgraphile URL] [--quick] [--out docs]
return await BenchCommands.RunAsync(args);
