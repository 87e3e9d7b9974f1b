package postgres

// Migrations are the embedded migrations, for the tests of their backfills.
var Migrations = migrations
