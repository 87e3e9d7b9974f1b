package sqlstore

import (
	"reflect"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

func TestPayloadRoundTrip(t *testing.T) {
	agent := "ag"
	e := velocity.Event{
		TenantID: "tn", CallbackID: "cb", Type: velocity.EventType("claimed"),
		At:       time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Data:     map[string]any{"attempt": 2, "note": "hi"},
		Before:   &velocity.Owner{AgentID: &agent},
		Callback: velocity.Callback{TenantID: "tn", ID: "cb", TeamID: "tm", Status: velocity.StatusClaimed},
	}
	payload, recorded, err := EncodeEvent(e)
	if err != nil {
		t.Fatal(err)
	}
	// Data is as a reader decodes it: JSON numbers are float64.
	if want := map[string]any{"attempt": 2.0, "note": "hi"}; !reflect.DeepEqual(recorded.Data, want) {
		t.Errorf("recorded data %#v, want %#v", recorded.Data, want)
	}
	read := velocity.Event{TenantID: "tn"}
	if err := DecodePayload([]byte(payload), &read); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(read.Data, recorded.Data) || !reflect.DeepEqual(read.Before, e.Before) {
		t.Errorf("read back %#v, %#v", read.Data, read.Before)
	}
	// The payload leaves the callback's tenant out; the reader takes the event's.
	if read.Callback.TenantID != "tn" || read.Callback.ID != "cb" || read.Callback.Status != velocity.StatusClaimed {
		t.Errorf("callback read back as %+v", read.Callback)
	}
}
