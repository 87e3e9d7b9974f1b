package bench

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// StreamReport is what a RunStreams run measured. Delays run from just before a create
// request was sent to the instant a stream had parsed the event that announced it.
type StreamReport struct {
	Engine           string  `json:"engine"`
	Servers          int     `json:"servers"`
	StreamsRequested int     `json:"streamsRequested"`
	StreamsConnected int     `json:"streamsConnected"`
	Teams            int     `json:"teams"`
	ConnectSeconds   float64 `json:"connectSeconds"` // to open every stream
	Rate             float64 `json:"ratePerSecond"`  // asked for
	DurationSeconds  float64 `json:"durationSeconds"`

	ChangesPlanned    int     `json:"changesPlanned"`
	ChangesMade       int     `json:"changesMade"` // created: 201
	CreateErrors      int     `json:"createErrors"`
	FirstCreateError  string  `json:"firstCreateError,omitempty"`
	ProductionSeconds float64 `json:"productionSeconds"` // from the first create to the last answer
	CreateP50Ms       float64 `json:"createP50Ms"`
	CreateP99Ms       float64 `json:"createP99Ms"`

	// Each created team callback must reach every stream of its team connected when
	// production began; a delivery still missing at the end of the drain is missing.
	DeliveriesExpected int `json:"deliveriesExpected"`
	DeliveriesReceived int `json:"deliveriesReceived"`
	DeliveriesMissing  int `json:"deliveriesMissing"`
	// DeliveriesReplayed arrived on a reopened stream, for changes made before it
	// reopened: the server's replay of what the stream missed.
	DeliveriesReplayed int `json:"deliveriesReplayed"`
	// DeliveriesUnexpected are created events of another team's callbacks, of callbacks
	// the bench did not create (or whose create failed), or repeated.
	DeliveriesUnexpected int     `json:"deliveriesUnexpected"`
	DelayP50Ms           float64 `json:"delayP50Ms"`
	DelayP99Ms           float64 `json:"delayP99Ms"`
	DelayMaxMs           float64 `json:"delayMaxMs"`
	DrainSeconds         float64 `json:"drainSeconds"` // waited after the last create

	StreamsDropped int `json:"streamsDropped"` // "dropped" events: a stream fell behind
	StreamsEnded   int `json:"streamsEnded"`   // streams that ended otherwise during the run
	Reconnects     int `json:"reconnects"`

	// Server memory, all servers together: resident memory before the streams opened and
	// once all were open and idle. The Go heap, from the servers' GODEBUG=gctrace=1: live
	// after the last collection before the streams opened (0 if none had run: less than
	// 4 MB), and after the first collection once all were open or, when the run needed
	// none, the last while HeapStreams were; goroutine stacks then.
	RSSBeforeMB     float64 `json:"rssBeforeMB"`
	RSSIdleMB       float64 `json:"rssIdleMB"`
	RSSPerStreamKB  float64 `json:"rssPerStreamKB"`
	HeapBeforeMB    float64 `json:"heapBeforeMB"`
	HeapStreamsMB   float64 `json:"heapWithStreamsMB"` // -1: no collection was traced with streams open
	HeapStreams     int64   `json:"heapStreams"`       // streams open at that collection
	HeapPerStreamKB float64 `json:"heapPerStreamKB"`
	StacksMB        float64 `json:"stacksMB"`

	// CPU over the production phase: the servers' (user+system), the bench's own, and
	// the whole machine's busy share (other work on the machine included).
	ServerCPUSeconds          float64 `json:"serverCpuSeconds"`
	ServerCPUPercentOfCore    float64 `json:"serverCpuPercentOfCore"`
	ServerCPUPercentOfMachine float64 `json:"serverCpuPercentOfMachine"`
	BenchCPUPercentOfCore     float64 `json:"benchCpuPercentOfCore"`
	MachineBusyPercent        float64 `json:"machineBusyPercent"`
	CPUs                      int     `json:"cpus"`

	ServerLogLines int      `json:"serverLogLines"` // warnings and errors the servers logged
	ServerLogTail  []string `json:"serverLogTail,omitempty"`
	// Problems says what went wrong: streams that did not connect, changes not made,
	// deliveries missing or unexpected, streams dropped, servers that exited.
	Problems []string `json:"problems"`
}

// OK reports whether the run found no problem.
func (r *StreamReport) OK() bool { return len(r.Problems) == 0 }

func (r *StreamReport) problem(format string, a ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, a...))
}

func (r *StreamReport) tallyChanges(p production) {
	r.ChangesPlanned = len(p.changes)
	r.CreateErrors = p.errors
	if p.firstErr != nil {
		r.FirstCreateError = p.firstErr.Error()
	}
	r.ProductionSeconds = p.elapsed.Seconds()
	var took []time.Duration
	for _, c := range p.changes {
		if !c.sent.IsZero() {
			took = append(took, c.took)
		}
		if c.id != "" {
			r.ChangesMade++
		}
	}
	slices.Sort(took)
	r.CreateP50Ms, r.CreateP99Ms = ms(pct(took, 50)), ms(pct(took, 99))
}

// tallyDeliveries matches what the streams received with the changes made.
func (r *StreamReport) tallyDeliveries(streams []*stream, changes []change, perTeam []int) {
	byID := make(map[string]int, len(changes))
	for j, c := range changes {
		if c.id != "" {
			byID[c.id] = j
			r.DeliveriesExpected += perTeam[c.team]
		}
	}
	var delays []time.Duration
	seen := map[int]bool{}
	for _, s := range streams {
		r.StreamsDropped += s.drops
		r.StreamsEnded += s.ends
		r.Reconnects += s.reconnects
		clear(seen)
		for _, rc := range s.receipts {
			j, ok := byID[rc.callbackID]
			if !ok || rc.otherTeam || seen[j] {
				r.DeliveriesUnexpected++
				continue
			}
			seen[j] = true
			c := changes[j]
			delays = append(delays, rc.at.Sub(c.sent))
			if rc.conn > 0 && c.sent.Before(s.opened[rc.conn]) {
				r.DeliveriesReplayed++
			}
		}
	}
	r.DeliveriesReceived = len(delays)
	r.DeliveriesMissing = r.DeliveriesExpected - r.DeliveriesReceived
	slices.Sort(delays)
	r.DelayP50Ms, r.DelayP99Ms, r.DelayMaxMs = ms(pct(delays, 50)), ms(pct(delays, 99)), ms(pct(delays, 100))
}

// finishServers fills in the servers' memory, CPU and logs from the samples taken before
// the streams opened, once all were connected, once they were idle, and around
// production (nil when the run did not get that far).
func (r *StreamReport) finishServers(servers []*server, before, connected, idle, cpu0, cpu1 []sample, p *production) {
	heapKnown := true
	r.HeapStreamsMB = -1
	for i, s := range servers {
		r.RSSBeforeMB += float64(before[i].rssKB) / 1024
		r.HeapBeforeMB += float64(max(0, before[i].heapMB))
		if idle != nil {
			r.RSSIdleMB += float64(idle[i].rssKB) / 1024
			g, ok := s.log.gcWithStreams(connected[i].gcs)
			heapKnown = heapKnown && ok
			if ok {
				r.HeapStreamsMB = max(r.HeapStreamsMB, 0) + float64(g.heapMB)
				r.HeapStreams += g.streams
				r.StacksMB += float64(g.stacksMB)
			}
		}
		if cpu0 != nil {
			r.ServerCPUSeconds += cpu1[i].cpu - cpu0[i].cpu
		}
		r.ServerLogLines += s.log.count()
		for _, l := range s.log.tail() {
			r.ServerLogTail = append(r.ServerLogTail, fmt.Sprintf("server %d: %s", i+1, l))
		}
		if e := s.exited(); e != "" {
			r.problem("server %d (%s) exited during the run: %s", i+1, s.base, e)
		}
	}
	if !heapKnown {
		r.HeapStreamsMB = -1
	}
	if n := float64(r.StreamsConnected); n > 0 && idle != nil {
		r.RSSPerStreamKB = (r.RSSIdleMB - r.RSSBeforeMB) * 1024 / n
		if r.HeapStreamsMB >= 0 && r.HeapStreams > 0 {
			r.HeapPerStreamKB = (r.HeapStreamsMB - r.HeapBeforeMB) * 1024 / float64(r.HeapStreams)
		}
	}
	if p != nil && p.elapsed > 0 {
		r.ServerCPUPercentOfCore = 100 * r.ServerCPUSeconds / p.elapsed.Seconds()
		r.ServerCPUPercentOfMachine = r.ServerCPUPercentOfCore / float64(r.CPUs)
	}
}

// judge names what went wrong besides streams that did not connect.
func (r *StreamReport) judge() {
	if r.ChangesMade < r.ChangesPlanned {
		r.problem("%d of %d changes were made (%d create errors, first: %s; the rest could not be sent in time)",
			r.ChangesMade, r.ChangesPlanned, r.CreateErrors, orNone(r.FirstCreateError))
	}
	if r.DeliveriesMissing > 0 {
		r.problem("%d of %d deliveries are missing", r.DeliveriesMissing, r.DeliveriesExpected)
	}
	if r.DeliveriesUnexpected > 0 {
		r.problem("%d deliveries were unexpected (another team's, unknown or repeated)", r.DeliveriesUnexpected)
	}
	if r.StreamsDropped > 0 {
		r.problem("the servers dropped streams %d times for falling behind", r.StreamsDropped)
	}
	if r.StreamsEnded > 0 {
		r.problem("streams ended %d times during the run", r.StreamsEnded)
	}
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// pct returns the p-th percentile of sorted durations (p=100: the largest).
func pct(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, len(sorted)*p/100)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Print writes the report as a table.
func (r *StreamReport) Print(w io.Writer) {
	row := func(label, format string, a ...any) { fmt.Fprintf(w, "  %-28s %s\n", label, fmt.Sprintf(format, a...)) }
	plural := ""
	if r.Servers > 1 {
		plural = "s"
	}
	fmt.Fprintf(w, "stream fan-out: %d streams over %d teams, %d server%s on %s, %g changes/s for %gs\n",
		r.StreamsRequested, r.Teams, r.Servers, plural, r.Engine, r.Rate, r.DurationSeconds)
	row("streams connected", "%d of %d in %.1f s", r.StreamsConnected, r.StreamsRequested, r.ConnectSeconds)
	row("changes made", "%d of %d in %.1f s (%.1f/s), %d errors; create p50 %.1f ms, p99 %.1f ms",
		r.ChangesMade, r.ChangesPlanned, r.ProductionSeconds, float64(r.ChangesMade)/max(r.ProductionSeconds, 1e-9),
		r.CreateErrors, r.CreateP50Ms, r.CreateP99Ms)
	perChange := 0.0
	if r.Teams > 0 {
		perChange = float64(r.StreamsConnected) / float64(r.Teams)
	}
	row("deliveries expected", "%d (%.0f streams per change)", r.DeliveriesExpected, perChange)
	row("deliveries received", "%d (%d by replay after a reopening; %d unexpected)", r.DeliveriesReceived, r.DeliveriesReplayed, r.DeliveriesUnexpected)
	if r.DeliveriesMissing > 0 {
		row("MISSING deliveries", "%d (still not received %.1f s after the last create)", r.DeliveriesMissing, r.DrainSeconds)
	} else {
		row("MISSING deliveries", "0")
	}
	row("delivery delay", "p50 %.1f ms, p99 %.1f ms, max %.1f ms", r.DelayP50Ms, r.DelayP99Ms, r.DelayMaxMs)
	row("streams dropped / ended", "%d / %d (%d reopened)", r.StreamsDropped, r.StreamsEnded, r.Reconnects)
	row("server memory per stream", "%.1f KB resident (%.0f MB before the streams, %.0f MB with them idle)",
		r.RSSPerStreamKB, r.RSSBeforeMB, r.RSSIdleMB)
	if r.HeapStreamsMB >= 0 {
		row("server Go heap per stream", "%.1f KB (live heap %.0f MB before, %.0f MB with %d streams; stacks %.0f MB)",
			r.HeapPerStreamKB, r.HeapBeforeMB, r.HeapStreamsMB, r.HeapStreams, r.StacksMB)
	} else {
		row("server Go heap per stream", "unknown (no collection with streams open)")
	}
	row("server CPU, production", "%.1f s: %.0f%% of one core, %.0f%% of the machine (%d cores)",
		r.ServerCPUSeconds, r.ServerCPUPercentOfCore, r.ServerCPUPercentOfMachine, r.CPUs)
	row("bench CPU, production", "%.0f%% of one core; machine busy %.0f%%", r.BenchCPUPercentOfCore, r.MachineBusyPercent)
	row("server log lines", "%d (warnings and errors)", r.ServerLogLines)
	for _, l := range r.ServerLogTail {
		fmt.Fprintf(w, "    %s\n", l)
	}
	if r.OK() {
		fmt.Fprintln(w, "  no problems")
		return
	}
	fmt.Fprintf(w, "  PROBLEMS:\n    %s\n", strings.Join(r.Problems, "\n    "))
}
