package velocity

import (
	"crypto/rand"
	"encoding/binary"
	"strings"
	"time"
)

// Clock tells the time. Services take it so that tests can set the time.
type Clock interface{ Now() time.Time }

// SystemClock is the wall clock, truncated to microseconds (what both stores keep).
type SystemClock struct{}

// Now returns the current UTC time to the microsecond.
func (SystemClock) Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// ShiftedClock is a wall clock that started at a chosen instant: it runs at the wall
// clock's speed from Start, taken to be the moment NewShiftedClock was called. It lets a
// whole server run as if at another time (`velocity serve --clock-start`, for tests and
// training); production servers use SystemClock.
type ShiftedClock struct{ offset time.Duration }

// NewShiftedClock returns a clock that reads start now and moves on from there.
func NewShiftedClock(start time.Time) ShiftedClock {
	return ShiftedClock{offset: start.Sub(time.Now())}
}

// Now returns the shifted time, in UTC to the microsecond.
func (c ShiftedClock) Now() time.Time {
	return time.Now().Add(c.offset).UTC().Truncate(time.Microsecond)
}

const idAlphabet = "0123456789abcdefghjkmnpqrstvwxyz" // Crockford base32, lower case

// NewID returns prefix + 26 characters: a millisecond timestamp and 80 random bits, so
// ids sort roughly by creation and never collide in practice.
func NewID(prefix string) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(time.Now().UnixMilli())<<16)
	_, _ = rand.Read(b[6:])
	var sb strings.Builder
	sb.Grow(len(prefix) + 26)
	sb.WriteString(prefix)
	// 128 bits as 26 base32 digits, high bits first.
	hi := binary.BigEndian.Uint64(b[:8])
	lo := binary.BigEndian.Uint64(b[8:])
	for i := 25; i >= 0; i-- {
		shift := uint(i * 5)
		var v uint64
		switch {
		case shift >= 64:
			v = hi >> (shift - 64)
		case shift+5 > 64:
			v = lo>>shift | hi<<(64-shift)
		default:
			v = lo >> shift
		}
		sb.WriteByte(idAlphabet[v&31])
	}
	return sb.String()
}
