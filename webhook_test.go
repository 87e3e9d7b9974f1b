package velocity

import (
	"encoding/json"
	"net/netip"
	"slices"
	"testing"
	"time"
)

func TestWebhookTypes(t *testing.T) {
	upd := func(keys ...string) Event {
		c := map[string]any{}
		for _, k := range keys {
			c[k] = []any{"a", "b"}
		}
		return Event{Type: EventUpdated, Data: map[string]any{"changes": c}}
	}
	for _, tc := range []struct {
		e    Event
		want []WebhookEventType
	}{
		{Event{Type: EventCreated}, []WebhookEventType{WebhookCreated}},
		{Event{Type: EventFallback}, []WebhookEventType{WebhookFellBack}},
		{Event{Type: EventOverdue}, []WebhookEventType{WebhookOverdue}},
		{Event{Type: EventReleased}, []WebhookEventType{WebhookReleased}},
		{upd("windowStart"), []WebhookEventType{WebhookRescheduled}},
		{upd("windowEnd", "notes"), []WebhookEventType{WebhookRescheduled}},
		{upd("agentId"), []WebhookEventType{WebhookReassigned}},
		{upd("teamId", "windowStart"), []WebhookEventType{WebhookRescheduled, WebhookReassigned}},
		{upd("notes", "customerName"), []WebhookEventType{WebhookUpdated}},
		{Event{Type: EventUpdated, Data: map[string]any{"changes": map[string][]any{"agentId": nil}}}, []WebhookEventType{WebhookReassigned}},
	} {
		if got := WebhookTypes(tc.e); !slices.Equal(got, tc.want) {
			t.Errorf("%s %v: %v, want %v", tc.e.Type, tc.e.Data, got, tc.want)
		}
	}
	// Every event type announces at least one webhook type, and every webhook type is
	// announced by some event.
	seen := map[WebhookEventType]bool{}
	for _, et := range []EventType{EventCreated, EventClaimed, EventReleased, EventAttempted, EventCompleted, EventFailed, EventCancelled, EventDue, EventFallback, EventOverdue} {
		got := WebhookTypes(Event{Type: et})
		if len(got) == 0 {
			t.Errorf("%s announces nothing", et)
		}
		for _, g := range got {
			seen[g] = true
		}
	}
	for _, e := range []Event{upd("windowStart"), upd("agentId"), upd("notes")} {
		for _, g := range WebhookTypes(e) {
			seen[g] = true
		}
	}
	for _, wt := range WebhookEventTypes {
		if !seen[wt] || !wt.Valid() {
			t.Errorf("%s: announced by no event, or not valid", wt)
		}
	}
	if !WebhookAll.Valid() || WebhookTest.Valid() || WebhookEventType("callback.nope").Valid() {
		t.Error("Valid")
	}
}

func TestBlockedAddress(t *testing.T) {
	for _, tc := range []struct {
		ip      string
		blocked bool
	}{
		{"127.0.0.1", true}, {"127.8.9.10", true}, {"::1", true}, {"0.0.0.0", true}, {"::", true},
		{"10.1.2.3", true}, {"172.16.0.1", true}, {"172.31.255.255", true}, {"192.168.1.1", true}, {"fd12::1", true},
		{"169.254.169.254", true}, {"169.254.1.1", true}, {"fe80::1", true}, {"fd00:ec2::254", true},
		{"100.100.100.200", true}, {"::ffff:127.0.0.1", true}, {"::ffff:10.0.0.1", true}, {"224.0.0.1", true},
		{"255.255.255.255", true}, {"64:ff9b::a9fe:a9fe", true}, {"2002:7f00:1::", true},
		{"8.8.8.8", false}, {"172.32.0.1", false}, {"1.1.1.1", false}, {"2606:4700:4700::1111", false}, {"::ffff:8.8.8.8", false},
	} {
		_, blocked := BlockedAddress(netip.MustParseAddr(tc.ip))
		if blocked != tc.blocked {
			t.Errorf("%s: blocked %v, want %v", tc.ip, blocked, tc.blocked)
		}
	}
}

func TestCheckWebhookURL(t *testing.T) {
	for _, tc := range []struct {
		url          string
		allowPrivate bool
		code         FieldCode // "" when accepted
	}{
		{"https://hooks.example.com/velocity", false, ""},
		{"https://hooks.example.com:8443/v?x=1", false, ""},
		{"https://localhost:9000/x", false, ""}, // names are judged when a delivery connects
		{"http://hooks.example.com/", false, FieldInsecureURL},
		{"http://127.0.0.1:9000/x", true, ""},
		{"https://127.0.0.1/x", false, FieldBlockedAddress},
		{"https://[::1]/x", false, FieldBlockedAddress},
		{"https://169.254.169.254/latest/meta-data", false, FieldBlockedAddress},
		{"https://10.0.0.8/x", false, FieldBlockedAddress},
		{"https://8.8.8.8/x", false, ""},
		{"ftp://hooks.example.com/", false, FieldInvalidURL},
		{"https://user:pw@hooks.example.com/", false, FieldInvalidURL},
		{"https://hooks.example.com/#frag", false, FieldInvalidURL},
		{"/relative", false, FieldInvalidURL},
		{"", false, FieldRequired},
	} {
		err := CheckWebhookURL("url", tc.url, tc.allowPrivate)
		if tc.code == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.url, err)
			}
			continue
		}
		e, ok := AsError(err)
		if !ok || len(e.Fields) != 1 || e.Fields[0].Code != tc.code {
			t.Errorf("%s: %v, want %s", tc.url, err, tc.code)
		}
	}
}

// TestWebhookPayloadCallable: an open callback's message carries callable as of the
// event, under the policy given (DefaultPolicy for a tenant without one); a closed
// callback's carries none, as in the API.
func TestWebhookPayloadCallable(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	at := time.Date(2026, 12, 1, 6, 30, 0, 0, ny) // before 08:00 in the customer's zone
	cb := Callback{ID: "cb_1", TenantID: "tn_1", Status: StatusScheduled, Timezone: "America/New_York",
		WindowStart: at, WindowEnd: at.Add(3 * time.Hour)}
	e := Event{ID: 7, TenantID: "tn_1", CallbackID: cb.ID, Type: EventCreated, At: at, Callback: cb}
	w := Webhook{ID: "wh_1", TenantID: "tn_1", Events: []WebhookEventType{WebhookAll}}
	callable := func(ds []WebhookDelivery) *Callability {
		t.Helper()
		if len(ds) != 1 {
			t.Fatalf("%d deliveries", len(ds))
		}
		var msg struct {
			Data struct {
				Callback struct {
					Callable *Callability `json:"callable"`
				} `json:"callback"`
			} `json:"data"`
		}
		if err := json.Unmarshal(ds[0].Payload, &msg); err != nil {
			t.Fatal(err)
		}
		return msg.Data.Callback.Callable
	}
	// No policy stored: the default hours, 08:00-21:00.
	ds, err := PlanDeliveries([]Event{e}, []Webhook{w}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := callable(ds)
	opens := time.Date(2026, 12, 1, 8, 0, 0, 0, ny)
	if c == nil || c.Now || !c.From.Equal(opens) || !c.Until.Equal(opens.Add(13*time.Hour)) || c.Reason == "" {
		t.Fatalf("callable %+v, want not now, from 08:00 to 21:00 New York time", c)
	}
	// The tenant's policy: around the clock.
	ds, _ = PlanDeliveries([]Event{e}, []Webhook{w}, map[string]Policy{"tn_1": AroundTheClockPolicy()})
	if c := callable(ds); c == nil || !c.Now {
		t.Fatalf("callable %+v, want now", c)
	}
	// A closed callback: none.
	e.Type, e.Callback.Status = EventCompleted, StatusCompleted
	ds, _ = PlanDeliveries([]Event{e}, []Webhook{w}, nil)
	if c := callable(ds); c != nil {
		t.Fatalf("a completed callback's message says callable %+v", c)
	}
}
