package velocity

import (
	"context"
	"errors"
	"strings"
	"time"
)

// InboundInput is a customer's call as an IVR flow reports it when the customer enters:
// the caller's number (ANI), the call's interaction id and, optionally, the queue it is
// headed for and the number's country.
type InboundInput struct {
	PhoneNumber   string `json:"phoneNumber"`
	InteractionID string `json:"interactionId"`
	QueueID       string `json:"queueId"`
	Country       string `json:"country"`
}

// InboundResult is what an inbound call found: the caller's number in E.164, the
// tenant's policy, the callbacks that were open for the number (as they are now) and how
// many of them this call marked reached.
type InboundResult struct {
	PhoneNumber   string       `json:"phoneNumber"`
	InboundMatch  InboundMatch `json:"inboundMatch"`
	Callbacks     []Callback   `json:"-"`
	MarkedReached int          `json:"markedReached"`
}

// Inbound reports a customer's inbound call: it finds their open callbacks and, when
// the tenant's policy says mark_reached, completes each as reached on this call (its
// history keeps the interaction and queue), so that nobody calls back a customer who
// already called in. One that an agent is dialing right now is left to that agent.
func (s *Service) Inbound(ctx context.Context, p Principal, in InboundInput) (InboundResult, error) {
	var c checker
	c.text("phoneNumber", in.PhoneNumber, MaxIDLen, true)
	c.text("interactionId", in.InteractionID, MaxIDLen, true)
	c.text("queueId", in.QueueID, MaxIDLen, false)
	c.region("country", in.Country)
	if err := c.err(); err != nil {
		return InboundResult{}, err
	}
	country := in.Country
	if country == "" {
		country = p.Tenant.DefaultCountry
	}
	phone, _, fe := ParsePhone("phoneNumber", in.PhoneNumber, country)
	if fe != nil {
		return InboundResult{}, ValidationError(*fe)
	}
	pol, err := s.policy(ctx, p.Tenant.ID)
	if err != nil {
		return InboundResult{}, err
	}
	out := InboundResult{PhoneNumber: phone, InboundMatch: pol.InboundMatch, Callbacks: []Callback{}}
	if out.InboundMatch == "" {
		out.InboundMatch = InboundReportOnly
	}
	cb, err := s.FindOpenByPhone(ctx, p, phone, "")
	if errors.Is(err, ErrNotFound) {
		return out, nil
	}
	if err != nil {
		return InboundResult{}, err
	}
	if out.InboundMatch == InboundMarkReached {
		done, err := s.markReached(ctx, p, cb.ID, "", strings.TrimSpace(in.InteractionID), strings.TrimSpace(in.QueueID))
		switch {
		case err == nil:
			cb = done
			out.MarkedReached++
		case errors.Is(err, ErrAlreadyClaimed), errors.Is(err, ErrInvalidTransition):
			// An agent is dialing it (they will record the outcome), or it closed meanwhile.
		default:
			return InboundResult{}, err
		}
	}
	out.Callbacks = append(out.Callbacks, cb)
	return out, nil
}

// markReached is MarkReached with the inbound call's queue kept in the history too.
func (s *Service) markReached(ctx context.Context, p Principal, id, agentID, interactionID, queueID string) (Callback, error) {
	return s.mutate(ctx, p, id, agentID, nil, func(tx Tx, cb *Callback, pol Policy, now time.Time) (change, error) {
		if err := cb.MarkReached(agentID, now); err != nil {
			return nil, err
		}
		data := map[string]any{"reason": "reached_inbound", "interactionId": interactionID}
		if queueID != "" {
			data["queueId"] = queueID
		}
		return change{{Type: EventCompleted, Data: data}}, nil
	})
}
