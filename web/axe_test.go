package web_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity/storetest"
)

// axeSource returns axe-core from the widget's npm packages (make web-deps).
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		storetest.SkipSuite(t, "accessibility tests", fmt.Sprintf("axe-core is missing (run make web-deps): %v", err))
	}
	return string(b)
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target         []any  `json:"target"`
		FailureSummary string `json:"failureSummary"`
	} `json:"nodes"`
}

// The page and the panel, light and dark, with the outcome form and the editor open and
// an error shown, have no serious or critical axe-core violations.
func TestAccessibility(t *testing.T) {
	axe := axeSource(t)
	srv := newFixture(t)
	br := newBrowser(t)
	p := br.openSimulator("a11y", srv.URL, "agent=agent-1&team=team-1&page=velocity-callback&tab=Callback")
	p.waitFor("the list", `list() && list().shadowRoot.querySelector('li[data-callback-id]')`, 15*time.Second)
	p.do(axe)
	p.do(`velocitySimulator.startCall({ani: '+1 415 555 0111', customerName: 'Alan Turing'})`)
	p.waitFor("the prefilled panel", `$deep('#phone', form()).value === '+1 415 555 0111'`, 5*time.Second)
	p.do(`setValue($deep('#phone', form()), '1'); $deep('button[type=submit]', form()).click();`)
	p.waitFor("the phone error", `$deep('#phone-err', form()).textContent.trim() !== ''`, 10*time.Second)
	check := func(state string) {
		t.Helper()
		for _, target := range []string{"pageWidget()", "panelWidget()"} {
			vs := eval[[]axeViolation](p, `axe.run(`+target+`, {resultTypes: ['violations']}).then((r) => r.violations)`)
			for _, v := range vs {
				msg := v.ID + " (" + v.Impact + "): " + v.Help
				for _, n := range v.Nodes {
					msg += "\n    " + strings.TrimSpace(n.FailureSummary)
				}
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Errorf("%s, %s: %s", target, state, msg)
				} else {
					t.Logf("%s, %s (minor): %s", target, state, msg)
				}
			}
		}
	}
	t.Logf("axe checked %d rules on the page widget", eval[int](p, `axe.run(pageWidget()).then((r) => r.passes.length + r.violations.length + r.incomplete.length)`))
	for _, dark := range []string{"false", "true"} {
		p.do(`velocitySimulator.setDarkMode(` + dark + `)`)
		p.waitFor("dark="+dark, `pageWidget().getAttribute('dark') === '`+dark+`'`, 5*time.Second)
		p.do(`list().shadowRoot.querySelectorAll('li')[0].querySelector('button.more').click()`)
		p.waitFor("the editor", `list().shadowRoot.querySelector('cdyx-vel-editor')`, 5*time.Second)
		check("editor open, dark=" + dark)
		if dark == "false" {
			p.do(`velocitySimulator.wrapUp()`)
			p.waitFor("Dial on after the call", `!row('`+srv.TeamPhone+`').querySelector('button.dial').disabled`, 5*time.Second)
			p.do(`row('` + srv.TeamPhone + `').querySelector('button.dial').click()`)
		} else {
			p.do(`[...list().shadowRoot.querySelectorAll('li button.primary')].find((b) => /Record outcome/.test(b.textContent)).click()`)
		}
		p.waitFor("the outcome form", `list().shadowRoot.querySelector('cdyx-vel-outcome')`, 10*time.Second)
		p.do(`list().shadowRoot.querySelector('cdyx-vel-outcome').shadowRoot.querySelector('input[value=busy]').click()`)
		check("outcome open, dark=" + dark)
	}
}
