package postgres

import (
	"slices"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/jackc/pgx/v5"
)

// insertEvents records many events in one statement (a change of many callbacks: a
// scheduler batch, a bulk request), from one array per column, in the order given. The
// identity column numbers the rows in the order they are inserted, which ORDER BY n
// makes the arrays' order, so the ids returned, sorted, are the events' ids in order.
const insertEvents = `INSERT INTO callback_events (tenant_id, callback_id, type, actor_account, actor_agent, at, payload)
SELECT t, c, y, a, g, at, p::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
	WITH ORDINALITY AS u(t, c, y, a, g, at, p, n) ORDER BY n
RETURNING id`

// eventColumns gathers events' columns for insertEvents.
type eventColumns struct {
	tenants, callbacks, types, accounts, agents, payloads []string
	ats                                                   []time.Time
}

func (c *eventColumns) add(e velocity.Event, payload string) {
	c.tenants = append(c.tenants, e.TenantID)
	c.callbacks = append(c.callbacks, e.CallbackID)
	c.types = append(c.types, string(e.Type))
	c.accounts = append(c.accounts, e.Actor.Account)
	c.agents = append(c.agents, e.Actor.AgentID)
	c.ats = append(c.ats, e.At.UTC())
	c.payloads = append(c.payloads, payload)
}

func (c *eventColumns) args() []any {
	return []any{c.tenants, c.callbacks, c.types, c.accounts, c.agents, c.ats, c.payloads}
}

// readEventIDs reads insertEvents' ids into out's events, in order.
func readEventIDs(res pgx.BatchResults, out []velocity.Event) error {
	rows, err := res.Query()
	if err != nil {
		return mapErr(err)
	}
	ids := make([]int64, 0, len(out))
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return mapErr(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return mapErr(err)
	}
	if len(ids) != len(out) {
		return mapErr(pgx.ErrNoRows)
	}
	slices.Sort(ids)
	for i := range out {
		out[i].ID = ids[i]
	}
	return nil
}
