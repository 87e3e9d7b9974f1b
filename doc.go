// Package velocity holds the domain of Velocity Callbacks: what a callback is, the rules
// that move it from scheduled to done, the errors those rules report, and the interfaces
// (Store, Bus, Clock) that adapters implement. It imports no adapter: the SQLite and
// PostgreSQL stores, the HTTP API and the CLI live in their own packages and meet here.
package velocity
