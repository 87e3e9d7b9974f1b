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

// TestEncodeEventIsWhatReadersSee holds EncodeEvent's recorded event equal, in every
// part that the payload carries, to the event read back from its payload, for data of
// each JSON kind, empty data and none.
func TestEncodeEventIsWhatReadersSee(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	agent := "ag"
	for _, data := range []map[string]any{
		nil,
		{},
		{"windowStart": at, "windowEnd": at.Add(time.Hour)},
		{"n": 3, "f": 2.5, "b": true, "null": nil, "list": []string{"a"}, "nested": map[string]int{"x": 1}, "dur": time.Minute},
	} {
		e := velocity.Event{TenantID: "tn", CallbackID: "cb", Type: velocity.EventDue, At: at, Data: data, Before: &velocity.Owner{AgentID: &agent},
			Callback: velocity.Callback{TenantID: "tn", ID: "cb", TeamID: "tm", Status: velocity.StatusScheduled, WindowStart: at, WindowEnd: at.Add(time.Hour)}}
		payload, recorded, err := EncodeEvent(e)
		if err != nil {
			t.Fatal(err)
		}
		read := velocity.Event{TenantID: "tn", CallbackID: "cb", Type: velocity.EventDue, At: at}
		if err := DecodePayload([]byte(payload), &read); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(recorded, read) {
			t.Errorf("data %#v:\nrecorded %#v\nread     %#v", data, recorded, read)
		}
	}
}
