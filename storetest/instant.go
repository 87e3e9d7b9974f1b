package storetest

import (
	"fmt"
	"os"
	"sync/atomic"
	"time"

	"github.com/customerdynamics/velocity"
)

// NowEnv names the environment variable that sets the instant the test suites run at, in
// RFC 3339 (for example 2026-12-01T06:30:00Z, a night in New York). Unset, they run at the
// moment the test binary started. Only test helpers read it; `velocity serve
// --clock-start` is its counterpart for a whole server.
const NowEnv = "VELOCITY_TEST_NOW"

// Epoch is the instant the suites run at: NowEnv when it is set, else the moment the test
// binary started, to the second. Suite clocks start here, so every suite must hold at any
// instant of the year.
var Epoch = epoch()

func epoch() time.Time {
	v := os.Getenv(NowEnv)
	if v == "" {
		return time.Now().UTC().Truncate(time.Second)
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		panic(fmt.Sprintf("%s=%q is not an RFC 3339 instant such as 2026-12-01T06:30:00Z", NowEnv, v))
	}
	return t.UTC()
}

// AllDay is a policy that allows calling at every hour of every day, and the defaults
// otherwise. Tests that are not about calling hours give it to their tenants so that they
// hold at any instant; tests of the hours set their own policy and clock.
func AllDay() velocity.Policy { return velocity.AroundTheClockPolicy() }

// daytimeZones span the world's offsets, so that one of them has its afternoon at any
// instant.
var daytimeZones = []string{
	"Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Denver", "America/Chicago",
	"America/New_York", "America/Halifax", "America/Sao_Paulo", "Atlantic/South_Georgia", "Atlantic/Azores",
	"Europe/London", "Europe/Paris", "Europe/Athens", "Europe/Moscow", "Asia/Dubai", "Asia/Karachi",
	"Asia/Dhaka", "Asia/Bangkok", "Asia/Singapore", "Asia/Tokyo", "Australia/Brisbane", "Pacific/Noumea",
	"Pacific/Auckland", "Pacific/Kiritimati",
}

// DaytimeZone returns the IANA zone whose local time at the instant is nearest 13:00, so a
// customer there may be called under the default policy for the next several hours.
func DaytimeZone(at time.Time) string {
	best, bestDiff := "", 24*60
	for _, z := range daytimeZones {
		lt := at.In(velocity.Location(z))
		diff := lt.Hour()*60 + lt.Minute() - 13*60
		if diff < 0 {
			diff = -diff
		}
		if diff < bestDiff {
			best, bestDiff = z, diff
		}
	}
	return best
}

// NightZone returns the IANA zone whose local time at the instant is nearest 03:00, where
// a customer may not be called under the default policy for the next several hours.
func NightZone(at time.Time) string {
	best, bestDiff := "", 24*60
	for _, z := range daytimeZones {
		lt := at.In(velocity.Location(z))
		diff := lt.Hour()*60 + lt.Minute() - 3*60
		if diff < 0 {
			diff = -diff
		}
		if diff < bestDiff {
			best, bestDiff = z, diff
		}
	}
	return best
}

// Phones hands out valid New York numbers from a range of its own, so that the numbers of
// one test never collide with another's, nor with the fixed numbers a test writes itself.
type Phones struct {
	exchange int64
	next     atomic.Int64
}

// phoneBlocks counts the ranges handed out in this process.
var phoneBlocks atomic.Int64

// PhoneBlock is how many numbers one Phones range holds.
const PhoneBlock = 10000

// NewPhones returns a range of PhoneBlock numbers, +1 212 XXX NNNN with an exchange XXX
// that no other NewPhones call in this process returns (N11 exchanges are skipped).
func NewPhones() *Phones {
	for {
		ex := 300 + phoneBlocks.Add(1) - 1
		if ex > 999 {
			panic("storetest: out of phone ranges")
		}
		if ex%100 != 11 {
			return &Phones{exchange: ex}
		}
	}
}

// Next returns the range's next number in E.164.
func (p *Phones) Next() string {
	n := p.next.Add(1) - 1
	if n >= PhoneBlock {
		panic("storetest: a Phones range ran out; take another with NewPhones")
	}
	return p.N(int(n))
}

// N returns the range's i-th number (0 <= i < PhoneBlock) without taking it; a test that
// names fixed numbers takes them high in its range (Next counts up from 0).
func (p *Phones) N(i int) string { return fmt.Sprintf("+1212%03d%04d", p.exchange, i) }
