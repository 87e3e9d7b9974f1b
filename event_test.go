package velocity_test

import (
	"testing"

	"github.com/customerdynamics/velocity"
)

func TestEventVisibleTo(t *testing.T) {
	t.Parallel()
	team := velocity.Callback{TeamID: "team-1"}
	mine := velocity.Callback{TeamID: "team-1", AgentID: ptr("agent-1")}
	abroad := velocity.Callback{TeamID: "team-2", AgentID: ptr("agent-1")}
	cases := []struct {
		name        string
		ev          velocity.Event
		agent, team string
		wantVisible bool
	}{
		{"a team callback, to its team's agent", velocity.Event{Callback: team}, "agent-9", "team-1", true},
		{"a team callback, to another team", velocity.Event{Callback: team}, "agent-9", "team-2", false},
		{"a personal callback, to its agent", velocity.Event{Callback: mine}, "agent-1", "team-1", true},
		{"a personal callback, to its agent in another team", velocity.Event{Callback: abroad}, "agent-1", "team-1", true},
		{"a personal callback, to a teammate", velocity.Event{Callback: mine}, "agent-2", "team-1", false},
		{"the whole tenant", velocity.Event{Callback: mine}, "", "", true},
		{"a whole team: its personal callbacks too", velocity.Event{Callback: mine}, "", "team-1", true},
		{"a whole team: not another team's", velocity.Event{Callback: abroad}, "", "team-1", false},
		{"an agent in every team: personal only", velocity.Event{Callback: abroad}, "agent-1", "", true},
		{"an agent in every team: not team callbacks", velocity.Event{Callback: team}, "agent-1", "", false},
		{"handed to the team, to the agent who had it", velocity.Event{Callback: velocity.Callback{TeamID: "team-2"}, Before: &velocity.Owner{TeamID: "team-1", AgentID: ptr("agent-1")}}, "agent-1", "team-1", true},
		{"taken from the team, to the team", velocity.Event{Callback: abroad, Before: &velocity.Owner{TeamID: "team-1"}}, "agent-5", "team-1", true},
		{"moved between others", velocity.Event{Callback: abroad, Before: &velocity.Owner{TeamID: "team-3"}}, "agent-5", "team-1", false},
	}
	for _, c := range cases {
		if got := c.ev.VisibleTo(c.agent, c.team); got != c.wantVisible {
			t.Errorf("%s: VisibleTo(%q, %q) = %v", c.name, c.agent, c.team, got)
		}
	}
}
