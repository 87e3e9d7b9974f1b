//go:build !linux

package bench

import (
	"errors"
	"syscall"
)

var errNotLinux = errors.New("bench: the stream and soak modes read /proc and run on Linux only")

func checkCapacity(streams, servers int) error { return errNotLinux }
func childAttr() *syscall.SysProcAttr          { return nil }
func rssKB(pid int) (int64, error)             { return 0, errNotLinux }
func processCPU(pid int) (float64, error)      { return 0, errNotLinux }
func openFDs(pid int) (int64, error)           { return 0, errNotLinux }
func selfCPU() float64                         { return 0 }
func machineCPU() cpuTimes                     { return cpuTimes{} }

// cpuTimes is the whole machine's CPU time, in ticks: busy (not idle or waiting) and all.
type cpuTimes struct{ busy, total float64 }
