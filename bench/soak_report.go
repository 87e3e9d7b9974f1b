package bench

import (
	"fmt"
	"io"
	"strings"
)

// SoakReport is what a RunSoak run measured.
type SoakReport struct {
	Engine           string  `json:"engine"`
	DurationSeconds  float64 `json:"durationSeconds"`
	WarmupSeconds    float64 `json:"warmupSeconds"`
	SampleSeconds    float64 `json:"sampleEverySeconds"`
	ElapsedSeconds   float64 `json:"elapsedSeconds"` // the traffic's, measured
	Rate             float64 `json:"ratePerSecond"`  // asked for
	Writers          int     `json:"writers"`
	Streams          int     `json:"streams"`
	Teams            int     `json:"teams"`
	Churn            float64 `json:"churn"` // share of the streams closed and reopened each second
	TolerancePercent float64 `json:"tolerancePercent"`

	// The mixed traffic: requests made, failed, and not sent because every writer was
	// busy when they fell due; per operation in SoakOps order.
	Requests           int      `json:"requests"`
	Errors             int      `json:"errors"`
	Skipped            int      `json:"skipped"`
	Ops                []SoakOp `json:"operations"`
	CallbacksCreated   int      `json:"callbacksCreated"`
	CallbacksOpenAtEnd int      `json:"callbacksOpenAtEnd"` // of those, still driven (scheduled or claimed)

	// The streams: openings (the first ones included), of them with Last-Event-ID;
	// streams the churn closed, the server ended or dropped; failed openings; events
	// parsed (keep-alives aside).
	StreamOpens        int64  `json:"streamOpens"`
	StreamsResumed     int64  `json:"streamsResumed"`
	StreamsChurned     int64  `json:"streamsChurned"`
	StreamsEnded       int64  `json:"streamsEnded"`
	StreamsDropped     int64  `json:"streamsDropped"`
	StreamOpenFailures int64  `json:"streamOpenFailures"`
	FirstStreamError   string `json:"firstStreamError,omitempty"`
	StreamEvents       int64  `json:"streamEvents"`

	ServerCPUPercentOfCore float64 `json:"serverCpuPercentOfCore"`
	MachineBusyPercent     float64 `json:"machineBusyPercent"`
	CPUs                   int     `json:"cpus"`

	// The server's series after the warm-up, and every sample taken. The verdict is on
	// the memory the Go runtime holds, the live Go heap, goroutines and open files, and
	// on PostgreSQL on resident memory too. On SQLite resident memory is reported, not
	// judged: besides Go's memory it holds SQLite's page caches (OutsideGo), which grow
	// with the database up to 64 MiB per connection (see package sqlite), a bound a run
	// of minutes does not reach.
	RSS        SoakSeries   `json:"rssMB"`
	GoMem      SoakSeries   `json:"goMB"`
	OutsideGo  SoakSeries   `json:"outsideGoMB"`
	Heap       SoakSeries   `json:"heapMB"`
	Goroutines SoakSeries   `json:"goroutines"`
	FDs        SoakSeries   `json:"fds"`
	Judged     int          `json:"samplesJudged"` // samples after the warm-up
	Samples    []SoakSample `json:"samples"`

	ServerLogLines int      `json:"serverLogLines"` // warnings and errors the server logged
	ServerLogTail  []string `json:"serverLogTail,omitempty"`
	// Problems says what went wrong: a series that grew or could not be read, request
	// errors, streams dropped or not opened, the server exiting.
	Problems []string `json:"problems"`
}

// SoakOp is one operation of the soak's traffic.
type SoakOp struct {
	Op         string  `json:"operation"`
	Requests   int     `json:"requests"`
	Errors     int     `json:"errors"`
	FirstError string  `json:"firstError,omitempty"`
	P50Ms      float64 `json:"p50Ms"`
	P99Ms      float64 `json:"p99Ms"`
	MaxMs      float64 `json:"maxMs"`
}

// SoakSample is the server at one instant, Seconds after the traffic began: resident
// memory; the memory its Go runtime holds, and the resident memory besides (SQLite's
// page caches, outside the Go heap, and the program's mapped code); the live Go heap
// after the last collection traced (-1: none yet); goroutines and open file
// descriptors; and the bench's streams open on it. -1: not read.
type SoakSample struct {
	Seconds     float64 `json:"seconds"`
	RSSMB       float64 `json:"rssMB"`
	GoMB        float64 `json:"goMB"`
	OutsideGoMB float64 `json:"outsideGoMB"`
	HeapMB      float64 `json:"heapMB"`
	Goroutines  int64   `json:"goroutines"`
	FDs         int64   `json:"fds"`
	StreamsOpen int64   `json:"streamsOpen"`
}

// SoakSeries is one series over the samples after the warm-up: its first, last, least
// and greatest values; its averages over the second and the last quarter of them; and
// whether it is flat: the last quarter's average is at most the second's plus Allowed,
// the larger of the tolerance and the series' absolute slack.
type SoakSeries struct {
	Name          string  `json:"name"`
	Judged        bool    `json:"judged"` // the verdict counts it
	Known         bool    `json:"known"`  // enough samples had a value
	First         float64 `json:"first"`
	Last          float64 `json:"last"`
	Min           float64 `json:"min"`
	Max           float64 `json:"max"`
	SecondQuarter float64 `json:"secondQuarterAverage"`
	LastQuarter   float64 `json:"lastQuarterAverage"`
	Allowed       float64 `json:"allowedGrowth"`
	Flat          bool    `json:"flat"`
}

// seriesSlack is the growth each series may show whatever the tolerance: a few MB of
// resident memory, the heap's trace is in whole MB, and a stream's goroutine and file
// come and go with the churn.
var seriesSlack = struct{ rssMB, heapMB, goroutines, fds float64 }{4, 2, 20, 20}

// OK reports whether the run found no problem.
func (r *SoakReport) OK() bool { return len(r.Problems) == 0 }

func (r *SoakReport) problem(format string, a ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, a...))
}

// finish fills in the traffic's, the streams' and the server's figures, the series, and
// the problems (traffic is nil when the run did not get that far).
func (r *SoakReport) finish(srv *server, pool *streamPool, t *traffic) {
	r.StreamOpens, r.StreamsResumed, r.StreamsChurned = pool.opens.Load(), pool.resumed.Load(), pool.churned.Load()
	r.StreamsEnded, r.StreamsDropped, r.StreamEvents = pool.ends.Load(), pool.drops.Load(), pool.events.Load()
	r.StreamOpenFailures, r.FirstStreamError = pool.openFails.Load(), pool.firstError()
	r.ServerLogLines = srv.log.count()
	r.ServerLogTail = srv.log.tail()
	if e := srv.exited(); e != "" {
		r.problem("the server exited during the run: %s", e)
	}
	if t == nil {
		return
	}
	r.Ops = t.opResults()
	for _, op := range r.Ops {
		r.Requests += op.Requests
		r.Errors += op.Errors
		if op.Errors > 0 {
			r.problem("%d of %d %s requests failed (first: %s)", op.Errors, op.Requests, op.Op, op.FirstError)
		}
	}
	t.mu.Lock()
	r.Skipped, r.CallbacksCreated, r.CallbacksOpenAtEnd = t.skipped, t.created, len(t.scheduled)+len(t.claimed)
	t.mu.Unlock()

	var judged []SoakSample
	for _, s := range r.Samples {
		if s.Seconds >= r.WarmupSeconds {
			judged = append(judged, s)
		}
	}
	r.Judged = len(judged)
	tol := r.TolerancePercent / 100
	pg := r.Engine == "PostgreSQL"
	r.RSS = series("resident memory (MB)", pg, judged, func(s SoakSample) float64 { return s.RSSMB }, tol, seriesSlack.rssMB)
	r.GoMem = series("  held by Go (MB)", true, judged, func(s SoakSample) float64 { return s.GoMB }, tol, seriesSlack.rssMB)
	r.OutsideGo = series("  outside Go (MB)", pg, judged, func(s SoakSample) float64 { return s.OutsideGoMB }, tol, seriesSlack.rssMB)
	r.Heap = series("live Go heap (MB)", true, judged, func(s SoakSample) float64 { return s.HeapMB }, tol, seriesSlack.heapMB)
	r.Goroutines = series("goroutines", true, judged, func(s SoakSample) float64 { return float64(s.Goroutines) }, tol, seriesSlack.goroutines)
	r.FDs = series("open files", true, judged, func(s SoakSample) float64 { return float64(s.FDs) }, tol, seriesSlack.fds)
	r.judge()
}

// series returns the series of every series, in the report's order.
func (r *SoakReport) series() []*SoakSeries {
	return []*SoakSeries{&r.RSS, &r.GoMem, &r.OutsideGo, &r.Heap, &r.Goroutines, &r.FDs}
}

// series summarises the non-negative values of samples; it is unknown with fewer than
// minJudged of them. A series the verdict does not count is still called flat or not.
func series(name string, judged bool, samples []SoakSample, value func(SoakSample) float64, tol, slack float64) SoakSeries {
	var vs []float64
	for _, s := range samples {
		if v := value(s); v >= 0 {
			vs = append(vs, v)
		}
	}
	if len(vs) < minJudged {
		return SoakSeries{Name: name, Judged: judged}
	}
	out := SoakSeries{Name: name, Judged: judged, Known: true, First: vs[0], Last: vs[len(vs)-1], Min: vs[0], Max: vs[0]}
	for _, v := range vs {
		out.Min, out.Max = min(out.Min, v), max(out.Max, v)
	}
	n := len(vs)
	out.SecondQuarter = mean(vs[n/4 : n/2])
	out.LastQuarter = mean(vs[n-n/4:])
	out.Allowed = max(out.SecondQuarter*tol, slack)
	out.Flat = out.LastQuarter <= out.SecondQuarter+out.Allowed
	return out
}

func mean(vs []float64) float64 {
	sum := 0.0
	for _, v := range vs {
		sum += v
	}
	return sum / float64(len(vs))
}

// judge names what went wrong with the server's series and the streams.
func (r *SoakReport) judge() {
	if r.Judged < minJudged {
		r.problem("only %d samples after the warm-up; a verdict needs %d (a longer --soak, or a shorter warm-up)", r.Judged, minJudged)
	}
	for _, s := range r.series() {
		name := strings.TrimSpace(s.Name)
		switch {
		case r.Judged < minJudged || !s.Judged:
		case !s.Known:
			r.problem("%s: too few samples could be read after the warm-up", name)
		case !s.Flat:
			r.problem("%s grew: last quarter's average %.1f against the second quarter's %.1f (%+.1f%%; %.1f allowed)",
				name, s.LastQuarter, s.SecondQuarter, pctChange(*s), s.Allowed)
		}
	}
	if r.StreamsDropped > 0 {
		r.problem("the server dropped streams %d times for falling behind", r.StreamsDropped)
	}
	if r.StreamOpenFailures > 0 {
		r.problem("%d stream openings failed (first: %s)", r.StreamOpenFailures, r.FirstStreamError)
	}
}

func pctChange(s SoakSeries) float64 {
	if s.SecondQuarter == 0 {
		return 0
	}
	return 100 * (s.LastQuarter - s.SecondQuarter) / s.SecondQuarter
}

// Print writes the report as a table.
func (r *SoakReport) Print(w io.Writer) {
	row := func(label, format string, a ...any) { fmt.Fprintf(w, "  %-22s %s\n", label, fmt.Sprintf(format, a...)) }
	fmt.Fprintf(w, "soak: %gs (the first %gs a warm-up) on %s, %g requests/s, %d streams over %d teams, %g%% of them closed and reopened each second; sampled every %gs\n",
		r.DurationSeconds, r.WarmupSeconds, r.Engine, r.Rate, r.Streams, r.Teams, 100*r.Churn, r.SampleSeconds)
	if r.Ops != nil {
		row("requests", "%d in %.0f s (%.1f/s), %d errors, %d skipped (every writer busy)",
			r.Requests, r.ElapsedSeconds, float64(r.Requests)/max(r.ElapsedSeconds, 1e-9), r.Errors, r.Skipped)
		for _, op := range r.Ops {
			row("  "+op.Op, "%d, %d errors; p50 %.1f ms, p99 %.1f ms, max %.1f ms", op.Requests, op.Errors, op.P50Ms, op.P99Ms, op.MaxMs)
		}
		row("callbacks", "%d created, %d still open at the end", r.CallbacksCreated, r.CallbacksOpenAtEnd)
	}
	row("streams", "%d openings (%d with Last-Event-ID), %d closed by the churn, %d ended by the server, %d dropped, %d failed openings; %d events",
		r.StreamOpens, r.StreamsResumed, r.StreamsChurned, r.StreamsEnded, r.StreamsDropped, r.StreamOpenFailures, r.StreamEvents)
	if r.Ops != nil {
		row("server CPU", "%.0f%% of one core; the machine %.0f%% busy (%d cores)", r.ServerCPUPercentOfCore, r.MachineBusyPercent, r.CPUs)
		fmt.Fprintf(w, "  after the warm-up, %d samples (flat: the last quarter's average at most the second's + %g%% or the slack):\n", r.Judged, r.TolerancePercent)
		fmt.Fprintf(w, "    %-22s %9s %9s %9s %9s %11s %11s %8s  %s\n", "", "first", "last", "min", "max", "2nd quarter", "last qtr", "change", "verdict")
		for _, s := range r.series() {
			if !s.Known {
				fmt.Fprintf(w, "    %-22s unknown\n", s.Name)
				continue
			}
			verdict := "flat"
			if !s.Flat {
				verdict = "GREW"
			}
			if !s.Judged {
				verdict = "(" + strings.ToLower(verdict) + "; not judged)"
			}
			fmt.Fprintf(w, "    %-22s %9.1f %9.1f %9.1f %9.1f %11.1f %11.1f %+7.1f%%  %s\n", s.Name, s.First, s.Last, s.Min, s.Max,
				s.SecondQuarter, s.LastQuarter, pctChange(*s), verdict)
		}
		if r.Engine == "SQLite" {
			fmt.Fprintln(w, "    (on SQLite, memory outside Go is mostly SQLite's page caches, which fill with the database up to 64 MiB")
			fmt.Fprintln(w, "    a connection; resident memory is judged on PostgreSQL, where nothing outside Go should grow)")
		}
	}
	row("server log lines", "%d (warnings and errors)", r.ServerLogLines)
	for _, l := range r.ServerLogTail {
		fmt.Fprintf(w, "    %s\n", l)
	}
	if r.OK() {
		fmt.Fprintln(w, "  no problems: the judged memory, goroutines and open files flat")
		return
	}
	fmt.Fprintf(w, "  PROBLEMS:\n    %s\n", strings.Join(r.Problems, "\n    "))
}
