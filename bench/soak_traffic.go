package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"slices"
	"sync"
	"time"
)

// soakMix is the soak's traffic, one request per slot, round and round: per 16
// requests, 2 creates, 3 lists for an agent, 2 claims, 2 attempts (connected or no
// answer, in turn, the latter a retry an hour later), a reschedule, a cancel, 2 number
// look-ups, a policy read, and a callback and its history read. The open callbacks
// the traffic drives stay about target (see traffic.do), so that lists and the
// database's working set keep their size however long the run.
var soakMix = []string{"create", "list", "claim", "lookup", "attempt", "policy", "reschedule", "list",
	"create", "get", "claim", "history", "attempt", "lookup", "cancel", "list"}

// SoakOps lists the operations of the soak's traffic, in the report's order.
var SoakOps = []string{"create", "list", "claim", "attempt", "reschedule", "cancel", "lookup", "policy", "get", "history"}

// cbRef is a callback the soak created and still drives.
type cbRef struct {
	id, phone string
	team      int
	agent     string // the claim's holder, once claimed
}

// traffic makes the soak's requests on one server and keeps the callbacks it drives:
// a callback is in scheduled (open, unclaimed), in claimed, or in flight in one
// request, so that no two requests act on it at once.
type traffic struct {
	api           *apiClient
	base          string
	teams         int
	agentsPerTeam int
	target        int // open callbacks to keep (see do)

	mu        sync.Mutex
	scheduled []cbRef
	claimed   []cbRef
	open      int // scheduled, claimed and in flight
	created   int
	attempts  int
	cancels   int
	skipped   int // requests not sent: every writer was busy when they fell due
	stats     map[string]*opStats
}

// opStats is what one operation did.
type opStats struct {
	n, errors int
	took      []time.Duration
	firstErr  string
}

func newTraffic(api *apiClient, base string, teams, agentsPerTeam, target int) *traffic {
	t := &traffic{api: api, base: base, teams: teams, agentsPerTeam: max(1, agentsPerTeam), target: target, stats: map[string]*opStats{}}
	for _, op := range SoakOps {
		t.stats[op] = &opStats{}
	}
	return t
}

// run sends rate requests a second of soakMix until stop ends, from at most writers
// goroutines, and returns once the requests in flight have been answered (they are cut
// short only when ctx ends: a request the bench abandoned would be an error in the
// server's log). A request that falls due while every writer is busy is skipped
// (counted), so that the rate stays fixed whatever the server's pace.
func (t *traffic) run(ctx, stop context.Context, rate float64, writers int) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				t.do(ctx, soakMix[j%len(soakMix)])
			}
		}()
	}
	interval := time.Duration(float64(time.Second) / rate)
	tick := time.NewTicker(min(interval, 100*time.Millisecond))
	defer tick.Stop()
	start := time.Now()
	for j := 0; ; {
		select {
		case <-stop.Done():
			close(jobs)
			wg.Wait()
			return
		case <-tick.C:
		}
		for ; !start.Add(time.Duration(j) * interval).After(time.Now()); j++ {
			select {
			case jobs <- j:
			default:
				t.mu.Lock()
				t.skipped++
				t.mu.Unlock()
			}
		}
	}
}

// do makes one request of op, or of another when op has nothing to act on: a claim,
// reschedule or cancel needs a scheduled callback, an attempt a claimed one (else a
// create); a read of one callback needs any (else a policy read). The open callbacks
// stay about t.target: with that many open, a create becomes a list; with fewer, every
// other cancel becomes a create and every attempt is a no-answer (whose retry is
// claimed again, until its attempts run out).
func (t *traffic) do(ctx context.Context, op string) {
	t.mu.Lock()
	var ref cbRef
	var ok bool
	switch op {
	case "claim", "reschedule", "cancel":
		ref, ok = pop(&t.scheduled)
	case "attempt":
		ref, ok = pop(&t.claimed)
	case "get", "history":
		if len(t.scheduled) > 0 {
			ref, ok = t.scheduled[rand.N(len(t.scheduled))], true
		} else if len(t.claimed) > 0 {
			ref, ok = t.claimed[rand.N(len(t.claimed))], true
		} else {
			op = "policy"
		}
	case "lookup":
		ref.phone = phone(7_000_000 + rand.N(1_000_000))
		if len(t.scheduled) > 0 && rand.N(2) == 0 {
			ref.phone = t.scheduled[rand.N(len(t.scheduled))].phone
		}
	}
	if op == "cancel" && ok {
		t.cancels++
		if t.open < t.target && t.cancels%2 == 0 {
			t.scheduled = append([]cbRef{ref}, t.scheduled...) // not cancelled: back at the front
			ok = false
		}
	}
	if (op == "claim" || op == "reschedule" || op == "cancel" || op == "attempt") && !ok {
		op = "create"
	}
	if op == "create" {
		if t.open >= t.target {
			op = "list"
		} else {
			t.open++
			ref = cbRef{phone: phone(7_000_000 + t.created%1_000_000), team: t.created % t.teams}
			t.created++
		}
	}
	outcome := "connected"
	if op == "attempt" {
		t.attempts++
		if t.attempts%2 == 0 || t.open < t.target {
			outcome = "no_answer"
		}
	}
	t.mu.Unlock()

	var status string // of the callback, from the answer
	var cb struct {
		ID     string `json:"id"`
		Status string `json:"status"`
	}
	cbURL := t.base + "/api/v1/callbacks/" + url.PathEscape(ref.id)
	now := time.Now().UTC()
	began := time.Now()
	var err error
	switch op {
	case "create":
		body := map[string]any{"teamId": teamName(ref.team), "phoneNumber": ref.phone, "customerName": "Soak"}
		if ref.team%2 == 0 {
			body["windowStart"] = now.Add(time.Hour) // the others are due at once: the scheduler announces them
		}
		err = t.api.call(ctx, "POST", t.base+"/api/v1/callbacks", jsonBody(body), 201, &cb)
		ref.id = cb.ID
	case "list":
		team := rand.N(t.teams)
		q := url.Values{"limit": {"50"}, "teamId": {teamName(team)}, "agentId": {t.agentOf(team)}}
		err = t.api.call(ctx, "GET", t.base+"/api/v1/callbacks?"+q.Encode(), nil, 200, nil)
	case "claim":
		ref.agent = t.agentOf(ref.team)
		err = t.api.call(ctx, "POST", cbURL+"/claim", jsonBody(map[string]any{"agentId": ref.agent}), 200, &cb)
	case "attempt":
		body := map[string]any{"agentId": ref.agent, "outcome": outcome}
		if outcome == "no_answer" {
			body["retryAt"] = now.Add(time.Hour)
		}
		err = t.api.call(ctx, "POST", cbURL+"/attempts", jsonBody(body), 200, &cb)
	case "reschedule":
		err = t.api.call(ctx, "PATCH", cbURL, jsonBody(map[string]any{"windowStart": now.Add(2 * time.Hour)}), 200, &cb)
	case "cancel":
		err = t.api.call(ctx, "POST", cbURL+"/cancel", jsonBody(map[string]any{"reason": "soak"}), 200, &cb)
	case "get":
		err = t.api.call(ctx, "GET", cbURL, nil, 200, nil)
	case "history":
		err = t.api.call(ctx, "GET", cbURL+"/history", nil, 200, nil)
	case "lookup":
		err = t.api.call(ctx, "GET", t.base+"/api/v1/phone-numbers/lookup?number="+url.QueryEscape(ref.phone), nil, 200, nil)
	case "policy":
		err = t.api.call(ctx, "GET", t.base+"/api/v1/policy", nil, 200, nil)
	}
	took := time.Since(began)
	status = cb.Status
	if ctx.Err() != nil {
		return // the run ended during the request: neither a result nor an error
	}

	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.stats[op]
	s.n++
	s.took = append(s.took, took)
	if err != nil {
		s.errors++
		if s.firstErr == "" {
			s.firstErr = err.Error()
		}
	}
	switch op {
	case "create", "claim", "attempt", "reschedule", "cancel":
		switch {
		case err != nil || status == "" || ref.id == "":
			t.open-- // no longer driven: its state is not known
		case status == "scheduled":
			ref.agent = ""
			t.scheduled = append(t.scheduled, ref)
		case status == "claimed":
			t.claimed = append(t.claimed, ref)
		default: // completed, failed, cancelled
			t.open--
		}
	}
}

// agentOf returns one of team's agents, those whose streams the soak holds.
func (t *traffic) agentOf(team int) string {
	return fmt.Sprintf("agent-%06d", team+t.teams*rand.N(t.agentsPerTeam))
}

// pop takes the oldest of refs.
func pop(refs *[]cbRef) (cbRef, bool) {
	if len(*refs) == 0 {
		return cbRef{}, false
	}
	r := (*refs)[0]
	*refs = (*refs)[1:]
	return r, true
}

func jsonBody(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// opResults summarises the operations' counts, errors and latencies, in SoakOps order.
func (t *traffic) opResults() []SoakOp {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []SoakOp
	for _, op := range SoakOps {
		s := t.stats[op]
		took := slices.Clone(s.took)
		slices.Sort(took)
		out = append(out, SoakOp{Op: op, Requests: s.n, Errors: s.errors, FirstError: s.firstErr,
			P50Ms: ms(pct(took, 50)), P99Ms: ms(pct(took, 99)), MaxMs: ms(pct(took, 100))})
	}
	return out
}
