package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/customerdynamics/velocity"
)

// HTTPTarget drives the API over HTTP.
type HTTPTarget struct {
	Base   string
	Client *http.Client
	World  *World
	phones atomic.Int64 // create cursor
}

func (h *HTTPTarget) do(ctx context.Context, st *SeededTenant, method, path string, body any, want int) error {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, h.Base+path, rd)
	if err != nil {
		return err
	}
	if st != nil {
		req.Header.Set("X-Api-Key", st.APIKey)
		req.SetBasicAuth(st.Username, st.Password)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := h.Client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, bytes.TrimSpace(b))
	}
	return nil
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// rngs gives each client its own generator.
func rngs(n int) []*rand.Rand {
	out := make([]*rand.Rand, n)
	for i := range out {
		out[i] = rand.New(rand.NewPCG(uint64(i), 7))
	}
	return out
}

// Ops returns the HTTP operations by name for the given client count.
func (h *HTTPTarget) Ops(clients int) map[string]opFunc {
	r := rngs(clients)
	w := h.World
	return map[string]opFunc{
		"healthz": func(ctx context.Context, c int) error { return h.do(ctx, nil, "GET", "/healthz", nil, 200) },
		"me (authenticated)": func(ctx context.Context, c int) error {
			return h.do(ctx, &w.Tenants[r[c].IntN(len(w.Tenants))], "GET", "/api/v1/me", nil, 200)
		},
		"list-for-agent": func(ctx context.Context, c int) error {
			st := &w.Tenants[r[c].IntN(len(w.Tenants))]
			team := pick(r[c], st.Teams)
			agent := pick(r[c], st.Agents[team])
			return h.do(ctx, st, "GET", "/api/v1/callbacks?limit=50&agentId="+url.QueryEscape(agent)+"&teamId="+url.QueryEscape(team), nil, 200)
		},
		"create": func(ctx context.Context, c int) error {
			st := &w.Tenants[r[c].IntN(len(w.Tenants))]
			n := 4_000_000 + int(h.phones.Add(1))
			return h.do(ctx, st, "POST", "/api/v1/callbacks", map[string]any{"teamId": pick(r[c], st.Teams), "phoneNumber": phone(n),
				"customerName": "Load Test", "windowStart": time.Now().Add(time.Hour).UTC()}, 201)
		},
		"claim": func(ctx context.Context, c int) error {
			st, id, ok := w.nextClaim()
			if !ok {
				return errExhausted
			}
			agent := st.Agents[st.TeamOfCB[id]][0]
			return h.do(ctx, st, "POST", "/api/v1/callbacks/"+id+"/claim", map[string]string{"agentId": agent}, 200)
		},
	}
}

// nextClaim hands out each seeded team callback once, round-robin over tenants.
func (w *World) nextClaim() (*SeededTenant, string, bool) {
	n := int(w.claimed.Add(1) - 1)
	st := &w.Tenants[n%len(w.Tenants)]
	i := n / len(w.Tenants)
	if i >= len(st.TeamOpen) {
		return nil, "", false
	}
	return st, st.TeamOpen[i], true
}

// StoreTarget drives the same operations directly on the service and store, without
// HTTP: the database's own limit for comparison.
type StoreTarget struct {
	Service *velocity.Service
	World   *World
	phones  atomic.Int64
}

// Ops returns the direct operations by name.
func (s *StoreTarget) Ops(clients int) map[string]opFunc {
	r := rngs(clients)
	w := s.World
	return map[string]opFunc{
		"list-for-agent": func(ctx context.Context, c int) error {
			st := &w.Tenants[r[c].IntN(len(w.Tenants))]
			team := pick(r[c], st.Teams)
			agent := pick(r[c], st.Agents[team])
			_, _, err := s.Service.List(ctx, st.principal, velocity.ListQuery{AgentID: agent, TeamID: team, Limit: 50})
			return err
		},
		"create": func(ctx context.Context, c int) error {
			st := &w.Tenants[r[c].IntN(len(w.Tenants))]
			n := 6_000_000 + int(s.phones.Add(1))
			ws := time.Now().Add(time.Hour)
			_, _, err := s.Service.Create(ctx, st.principal, "", velocity.CreateInput{TeamID: pick(r[c], st.Teams), PhoneNumber: phone(n), CustomerName: "Load Test", WindowStart: &ws}, "")
			return err
		},
		"claim": func(ctx context.Context, c int) error {
			st, id, ok := w.nextClaim()
			if !ok {
				return errExhausted
			}
			_, err := s.Service.Claim(ctx, st.principal, id, st.Agents[st.TeamOfCB[id]][0])
			return err
		},
	}
}
