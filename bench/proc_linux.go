//go:build linux

package bench

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// checkCapacity makes sure this machine lets the bench hold streams open, spread over
// servers: it raises the process's RLIMIT_NOFILE (which the servers inherit) to what
// the streams need, the hard limit too when allowed (CAP_SYS_RESOURCE), and checks
// that the loopback has ephemeral ports enough for each server's share of them.
func checkCapacity(streams, servers int) error {
	want := uint64(streams + fdMargin)
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return err
	}
	if lim.Cur < want {
		n := syscall.Rlimit{Cur: want, Max: max(lim.Max, want)}
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &n); err != nil {
			return fmt.Errorf("%d streams need %d open files in the bench and in the server, but RLIMIT_NOFILE is %d (hard %d) "+
				"and this process may not raise the hard limit (%v; it takes CAP_SYS_RESOURCE, which root in a container may lack): "+
				"at most %d streams here; raise the hard limit first (ulimit -Hn, the container's nofile limit)",
				streams, want, lim.Cur, lim.Max, err, max(0, int(lim.Max)-fdMargin))
		}
	}
	if lo, hi, err := portRange(); err == nil {
		perServer := (streams+servers-1)/servers + openers + 64
		if free := hi - lo + 1; perServer > free {
			return fmt.Errorf("%d streams to one server need %d loopback ports, but net.ipv4.ip_local_port_range offers %d: "+
				"widen the range or spread the streams over more servers (--servers, PostgreSQL)", (streams+servers-1)/servers, perServer, free)
		}
	}
	return nil
}

func portRange() (lo, hi int, err error) {
	b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range")
	if err != nil {
		return 0, 0, err
	}
	f := strings.Fields(string(b))
	if len(f) != 2 {
		return 0, 0, fmt.Errorf("ip_local_port_range: %q", b)
	}
	lo, err1 := strconv.Atoi(f[0])
	hi, err2 := strconv.Atoi(f[1])
	if err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("ip_local_port_range: %q", b)
	}
	return lo, hi, nil
}

// childAttr puts a server in a process group of its own (Ctrl-C reaches the bench,
// which stops the servers itself) and has the kernel kill it if the bench dies.
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// rssKB returns a process's resident memory, VmRSS in /proc/PID/status.
func rssKB(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		if v, ok := bytes.CutPrefix(line, []byte("VmRSS:")); ok {
			f := strings.Fields(string(v)) // "12345 kB"
			if len(f) >= 1 {
				return strconv.ParseInt(f[0], 10, 64)
			}
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
}

// openFDs returns how many files a process holds open: the entries of /proc/PID/fd.
func openFDs(pid int) (int64, error) {
	es, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		return 0, err
	}
	return int64(len(es)), nil
}

// clockTicks is USER_HZ, the unit of /proc's CPU times: 100 on every Linux ABI Go runs on.
const clockTicks = 100

// processCPU returns the user and system CPU seconds a process has used, from
// /proc/PID/stat (utime and stime, its 14th and 15th fields).
func processCPU(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name, field 2, is in parentheses and may hold spaces.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, fmt.Errorf("/proc/%d/stat: %q", pid, b)
	}
	f := strings.Fields(string(b[i+1:])) // from field 3, the state
	if len(f) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: %q", pid, b)
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("/proc/%d/stat: %q", pid, b)
	}
	return float64(ut+st) / clockTicks, nil
}

// selfCPU returns the user and system CPU seconds the bench itself has used.
func selfCPU() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// cpuTimes is the whole machine's CPU time, in ticks: busy (not idle or waiting) and all.
type cpuTimes struct{ busy, total float64 }

// machineCPU reads the machine's CPU times from the first line of /proc/stat.
func machineCPU() cpuTimes {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return cpuTimes{}
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	f := strings.Fields(string(line)) // cpu user nice system idle iowait irq softirq steal ...
	var t cpuTimes
	for i, v := range f[1:] {
		if i >= 8 { // guest times are already in user and nice
			break
		}
		n, _ := strconv.ParseFloat(v, 64)
		t.total += n
		if i != 3 && i != 4 {
			t.busy += n
		}
	}
	return t
}
