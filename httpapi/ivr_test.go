package httpapi_test

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

// flowRequest is one HTTP Request activity of the README's IVR flow: the request as
// written there, and the output variables it reads from the answer (name -> JSON path).
type flowRequest struct {
	method, path string
	header       http.Header
	body         string
	outputs      map[string]string
}

// readmeFlow reads the request after the marker <!-- ivr:NAME --> in README.md and the
// table of output variables after it.
func readmeFlow(t *testing.T, name string) flowRequest {
	t.Helper()
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "<!-- ivr:"+name+" -->\n```http\n")
	if !ok {
		t.Fatalf("README.md has no ivr:%s request", name)
	}
	raw, rest, _ := strings.Cut(rest, "\n```")
	head, body, _ := strings.Cut(raw, "\n\n")
	lines := strings.Split(head, "\n")
	method, target, _ := strings.Cut(lines[0], " ")
	fr := flowRequest{method: method, path: strings.TrimSuffix(target, " HTTP/1.1"), header: http.Header{}, body: body, outputs: map[string]string{}}
	for _, l := range lines[1:] {
		k, v, _ := strings.Cut(l, ": ")
		fr.header.Set(k, v)
	}
	table, _, _ := strings.Cut(rest, "\n\n**")
	row := regexp.MustCompile("(?m)^\\| `(\\w+)` \\| `(\\$[^`]*)` \\|")
	for _, m := range row.FindAllStringSubmatch(table, -1) {
		fr.outputs[m[1]] = m[2]
	}
	if len(fr.outputs) == 0 {
		t.Fatalf("README.md's ivr:%s request has no output variables", name)
	}
	return fr
}

// flowVars stands in for the flow's variables.
type flowVars map[string]string

var flowVar = regexp.MustCompile(`\{\{([A-Za-z.]+)\}\}`)

// send makes the documented request with the flow's variables filled in, as the flow's
// HTTP Request activity would, and returns the status and the output variables.
func (e *env) send(t *testing.T, fr flowRequest, vars flowVars) (int, map[string]any, map[string]string) {
	t.Helper()
	fill := func(s string) string {
		return flowVar.ReplaceAllStringFunc(s, func(m string) string {
			v, ok := vars[strings.Trim(m, "{}")]
			if !ok {
				t.Fatalf("the flow has no variable %s", m)
			}
			return v
		})
	}
	req, err := http.NewRequest(fr.method, e.srv.URL+fr.path, strings.NewReader(fill(fr.body)))
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range fr.header {
		if k != "Host" {
			req.Header.Set(k, fill(vs[0]))
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatalf("%s %s: %d %s", fr.method, fr.path, resp.StatusCode, raw)
	}
	out := map[string]string{}
	if resp.StatusCode < 300 {
		for name, path := range fr.outputs {
			v, ok := jsonPath(body, path)
			if !ok {
				t.Fatalf("output %s: %s is not in the answer %s", name, path, raw)
			}
			out[name] = v
		}
	}
	return resp.StatusCode, body, out
}

// jsonPath reads $.a.b[0].c from a decoded JSON object, as text.
func jsonPath(v any, path string) (string, bool) {
	sc := bufio.NewScanner(strings.NewReader(strings.TrimPrefix(path, "$")))
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		for i := 1; i < len(data); i++ {
			if data[i] == '.' || data[i] == '[' {
				return i, data[:i], nil
			}
		}
		if atEOF && len(data) > 0 {
			return len(data), data, nil
		}
		return 0, nil, nil
	})
	for sc.Scan() {
		step := sc.Text()
		switch {
		case strings.HasPrefix(step, "."):
			m, ok := v.(map[string]any)
			if !ok {
				return "", false
			}
			if v, ok = m[step[1:]]; !ok {
				return "", false
			}
		case strings.HasPrefix(step, "["):
			i, err := strconv.Atoi(strings.Trim(step, "[]"))
			a, ok := v.([]any)
			if err != nil || !ok || i >= len(a) {
				return "", false
			}
			v = a[i]
		}
	}
	switch x := v.(type) {
	case string:
		return x, true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	}
	return "", false
}

// TestIVRFlowAsDocumented makes the two requests of the README's IVR flow, filled in as
// the flow fills them, and reads the output variables the README names: a caller with
// no callback, a callback for tomorrow morning in the caller's zone and in words, a
// retry that returns the same callback, the caller calling in again (reported, then, with
// the policy's mark_reached, completed on that call).
func TestIVRFlowAsDocumented(t *testing.T) {
	e := newEnv(t)
	ivr := e.account(t, "demo", "ivr", velocity.RoleIntegration)
	inbound, create := readmeFlow(t, "inbound"), readmeFlow(t, "create")
	vars := flowVars{"VelocityApiKey": ivr.key, "VelocityAuth": velocity.BasicAuth(ivr.user, ivr.pass),
		"NewPhoneContact.ANI": "+12125550188", "NewPhoneContact.InteractionID": "3f0c6a5e-1a2b-4c3d-9e8f-0123456789ab",
		"CallbackQueue": "queue-billing", "CallbackTeam": "team-1", "CallbackChoice": "tomorrow_morning",
		"CustomerName": "Maria Garcia", "CallReason": "billing question"}

	status, _, out := e.send(t, inbound, vars)
	if status != 200 || out["CallbackFound"] != "0" || out["CallbackMarked"] != "0" {
		t.Fatalf("first inbound: %d %v", status, out)
	}
	status, body, out := e.send(t, create, vars)
	if status != 201 || out["CallbackWindow"] != "tomorrow between 9 AM and noon" {
		t.Fatalf("create: %d %v %v", status, out, body)
	}
	start, err := time.Parse(time.RFC3339, out["CallbackStart"])
	ny, _ := time.LoadLocation("America/New_York")
	if err != nil || start.Hour() != 9 || start.Minute() != 0 || start.Location().String() == "UTC" {
		t.Fatalf("windowStartLocal %q: %v", out["CallbackStart"], err)
	}
	if _, off := start.Zone(); off != func() int { _, o := start.In(ny).Zone(); return o }() {
		t.Fatalf("windowStartLocal %q is not in New York's offset", out["CallbackStart"])
	}
	if body["teamId"] != "team-1" || body["customerName"] != "Maria Garcia" || body["phoneNumber"] != "+12125550188" ||
		body["createdBy"] != "ivr" || body["sourceInteractionId"] != vars["NewPhoneContact.InteractionID"] {
		t.Fatalf("the callback: %v", body)
	}
	id := out["CallbackId"]
	// The activity retried (a timeout): the same callback.
	if status, _, again := e.send(t, create, vars); status != 201 || again["CallbackId"] != id {
		t.Fatalf("retry: %d %v", status, again)
	}
	// The caller calls in again: reported (report_only, the default).
	vars["NewPhoneContact.InteractionID"] = "7a1d2c3b-0000-4000-8000-000000000002"
	status, body, out = e.send(t, inbound, vars)
	if status != 200 || out["CallbackFound"] != "1" || out["CallbackMarked"] != "0" || out["ExistingWindow"] != "tomorrow between 9 AM and noon" ||
		body["inboundMatch"] != "report_only" {
		t.Fatalf("inbound, report_only: %d %v %v", status, out, body)
	}
	// With mark_reached the call completes it, its history keeping the call.
	e.do(&e.admin, "PATCH", "/api/v1/policy", map[string]any{"inboundMatch": "mark_reached"}).want(t, 200, "")
	e.do(&e.admin, "PATCH", "/api/v1/policy", map[string]any{"inboundMatch": "sometimes"}).want(t, 422, "validation_failed")
	status, body, out = e.send(t, inbound, vars)
	cbs, _ := body["callbacks"].([]any)
	if status != 200 || out["CallbackFound"] != "1" || out["CallbackMarked"] != "1" || len(cbs) != 1 || cbs[0].(map[string]any)["status"] != "completed" {
		t.Fatalf("inbound, mark_reached: %d %v %v", status, out, body)
	}
	hist := e.do(&e.admin, "GET", "/api/v1/callbacks/"+id+"/history", nil).want(t, 200, "")
	if !strings.Contains(string(hist.raw), `"reason":"reached_inbound"`) || !strings.Contains(string(hist.raw), `"queueId":"queue-billing"`) ||
		!strings.Contains(string(hist.raw), vars["NewPhoneContact.InteractionID"]) {
		t.Fatalf("history %s", hist.raw)
	}
	if status, _, out := e.send(t, inbound, vars); status != 200 || out["CallbackFound"] != "0" {
		t.Fatalf("after: %d %v", status, out)
	}
	// A choice the flow mistyped is refused, naming the presets.
	vars["CallbackChoice"], vars["NewPhoneContact.InteractionID"] = "tomorow", "x-3"
	if status, body, _ := e.send(t, create, vars); status != 422 || !strings.Contains(body["fields"].([]any)[0].(map[string]any)["message"].(string), "tomorrow_morning") {
		t.Fatalf("a bad preset: %d %v", status, body)
	}
}
