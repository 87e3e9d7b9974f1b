package sqlstore

import (
	"encoding/json"
	"strings"

	"github.com/customerdynamics/velocity"
)

// EventCols is the callback_events column list ScanEvent reads.
const EventCols = `id, tenant_id, callback_id, type, actor_account, actor_agent, at, payload`

// EventInsertColumns are the callback_events columns a new event is written to, in
// EventArgs order; the id is the database's.
var EventInsertColumns = []string{"tenant_id", "callback_id", "type", "actor_account", "actor_agent", "at", "payload"}

// eventInsertCols is EventInsertColumns as a column list.
var eventInsertCols = strings.Join(EventInsertColumns, ", ")

// eventPayload is the payload column of callback_events: the parts of an Event that
// have no column of their own, as JSON {"data":..., "before":..., "callback":...}.
type eventPayload struct {
	Data     map[string]any    `json:"data,omitempty"`
	Before   *velocity.Owner   `json:"before,omitempty"`
	Callback velocity.Callback `json:"callback"`
}

// EncodePayload returns the payload column for e: its Data, Before and Callback as JSON.
func EncodePayload(e velocity.Event) (string, error) {
	b, err := json.Marshal(eventPayload{Data: e.Data, Before: e.Before, Callback: e.Callback})
	return string(b), err
}

// EncodeEvent returns the payload column for e (EncodePayload), and e with its Data as
// readers of that column see it: decoded from JSON (numbers become float64, and so on).
// A store hands back the latter for a just-recorded event, so that subscribers see the
// data history readers see. Only Data goes through the round trip; the callback and
// Before stay as they are (times keep their zone): decoding a whole payload again cost a
// scheduler pass of 10,000 due windows a quarter of its Go CPU.
func EncodeEvent(e velocity.Event) (payload string, recorded velocity.Event, err error) {
	payload, err = EncodePayload(e)
	if err != nil {
		return "", e, err
	}
	if len(e.Data) == 0 {
		e.Data = nil // omitted from the payload, so absent when read
		return payload, e, nil
	}
	b, err := json.Marshal(e.Data)
	if err != nil {
		return "", e, err
	}
	var data map[string]any
	if err := json.Unmarshal(b, &data); err != nil {
		return "", e, err
	}
	e.Data = data
	return payload, e, nil
}

// DecodePayload sets e's Data, Before and Callback from a payload column; the callback's
// tenant, which the payload leaves out, is e's.
func DecodePayload(b []byte, e *velocity.Event) error {
	var p eventPayload
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	e.Data, e.Before, e.Callback = p.Data, p.Before, p.Callback
	e.Callback.TenantID = e.TenantID
	return nil
}

// ScanEvent reads a row of EventCols. A scan error is returned unchanged (the store maps
// it), as is a payload that is not valid JSON.
func (d Dialect) ScanEvent(row Scanner) (velocity.Event, error) {
	var e velocity.Event
	var typ string
	var b []byte
	if err := row.Scan(&e.ID, &e.TenantID, &e.CallbackID, &typ, &e.Actor.Account, &e.Actor.AgentID, d.ScanTime(&e.At), &b); err != nil {
		return e, err
	}
	e.Type = velocity.EventType(typ)
	return e, DecodePayload(b, &e)
}

// EventArgs returns e's values in EventInsertColumns order, with payload from
// EncodePayload.
func (d Dialect) EventArgs(e velocity.Event, payload string) []any {
	return []any{e.TenantID, e.CallbackID, string(e.Type), e.Actor.Account, e.Actor.AgentID, d.TimeArg(e.At), payload}
}
