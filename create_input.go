package velocity

import (
	"strings"
	"time"
)

// CreateInput is a request to schedule a callback. Only TeamID and PhoneNumber are
// required; see Callback for what the others mean and how they default.
type CreateInput struct {
	TeamID       string     `json:"teamId"`
	AgentID      *string    `json:"agentId"`
	CustomerName string     `json:"customerName"`
	PhoneNumber  string     `json:"phoneNumber"`
	Country      string     `json:"country"`
	Timezone     string     `json:"timezone"`
	WindowStart  *time.Time `json:"windowStart"`
	WindowEnd    *time.Time `json:"windowEnd"`
	// WindowPreset, instead of WindowStart and WindowEnd, names the window as a caller
	// chose it in an IVR menu (see WindowPreset).
	WindowPreset        WindowPreset `json:"windowPreset"`
	Notes               string       `json:"notes"`
	Reason              string       `json:"reason"`
	SourceInteractionID string       `json:"sourceInteractionId"`
	CreatedBy           string       `json:"createdBy"`
	MaxAttempts         *int         `json:"maxAttempts"`
}

// Build validates the input and returns the new callback it describes, for tenant t at
// now: the number in E.164, the time zone given, else inferred from the number, else
// the tenant's; a missing window start means now, a missing end one policy window later.
func (in CreateInput) Build(t Tenant, p Policy, now time.Time) (Callback, error) {
	var c checker
	c.text("teamId", in.TeamID, MaxIDLen, true)
	if in.AgentID != nil {
		c.text("agentId", *in.AgentID, MaxIDLen, true)
	}
	c.text("customerName", in.CustomerName, MaxNameLen, false)
	c.text("notes", in.Notes, MaxNotesLen, false)
	c.text("reason", in.Reason, MaxReasonLen, false)
	c.text("sourceInteractionId", in.SourceInteractionID, MaxIDLen, false)
	c.text("createdBy", in.CreatedBy, MaxIDLen, false)
	c.region("country", in.Country)
	c.zone("timezone", in.Timezone)
	c.maxAttempts(in.MaxAttempts, 0)

	region := in.Country
	if region == "" {
		region = t.DefaultCountry
	}
	var phone, inferred string
	if in.Country == "" || ValidRegion(in.Country) {
		var fe *FieldError
		if phone, inferred, fe = ParsePhone("phoneNumber", in.PhoneNumber, region); fe != nil {
			c.errs = append(c.errs, *fe)
		}
	}
	if in.WindowPreset != "" {
		if in.WindowStart != nil || in.WindowEnd != nil {
			c.add("windowPreset", FieldInvalid, "give windowPreset or windowStart and windowEnd, not both")
		} else {
			zone := in.Timezone
			if zone == "" {
				zone = inferred
			}
			if zone == "" {
				zone = t.DefaultTimezone
			}
			var ok bool
			if in.WindowStart, in.WindowEnd, ok = in.WindowPreset.window(now, Location(zone)); !ok {
				c.add("windowPreset", FieldInvalidChoice, "must be one of "+presetNames())
			}
		}
	}
	start := now
	if in.WindowStart != nil {
		start = in.WindowStart.UTC().Truncate(time.Microsecond)
	}
	end := start.Add(p.DefaultWindow)
	if in.WindowEnd != nil {
		end = in.WindowEnd.UTC().Truncate(time.Microsecond)
	}
	c.window(start, end, now, p)
	if err := c.err(); err != nil {
		return Callback{}, err
	}

	zone := in.Timezone
	if zone == "" {
		zone = inferred
	}
	if zone == "" {
		zone = t.DefaultTimezone
	}
	loc := Location(zone)
	if in.WindowStart == nil {
		// As soon as possible means as soon as the customer's calling hours allow.
		if next, ok := p.NextCallable(start, loc); ok && next.After(start) {
			if in.WindowEnd == nil {
				end = next.Add(end.Sub(start))
			}
			start = next
		}
	}
	start, end, err := clipToHours(p, start, end, zone)
	if err != nil {
		return Callback{}, err
	}
	maxAttempts := p.MaxAttempts
	if in.MaxAttempts != nil {
		maxAttempts = *in.MaxAttempts
	}
	var agent *string
	if in.AgentID != nil {
		a := strings.TrimSpace(*in.AgentID)
		agent = &a
	}
	return Callback{
		TenantID:            t.ID,
		TeamID:              strings.TrimSpace(in.TeamID),
		AgentID:             agent,
		CustomerName:        strings.TrimSpace(in.CustomerName),
		PhoneNumber:         phone,
		Timezone:            zone,
		WindowStart:         start,
		WindowEnd:           end,
		Notes:               in.Notes,
		Reason:              in.Reason,
		SourceInteractionID: in.SourceInteractionID,
		CreatedBy:           in.CreatedBy,
		Status:              StatusScheduled,
		MaxAttempts:         maxAttempts,
		CreatedAt:           now,
		UpdatedAt:           now,
		Version:             1,
	}, nil
}
