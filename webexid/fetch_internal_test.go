package webexid

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		h    string
		want time.Duration
	}{
		{"", 0},
		{"7", 7 * time.Second},
		{" 7 ", 7 * time.Second},
		{"0", 0},
		{"-5", 0},
		{"999999", time.Hour},
		{"99999999999999999999", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0},
		{now.Add(48 * time.Hour).Format(http.TimeFormat), time.Hour},
		{"soon", 0},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.h, now); got != tt.want {
			t.Errorf("retryAfter(%q) = %v; want %v", tt.h, got, tt.want)
		}
	}
}

func TestWellFormed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		token string
		want  bool
	}{
		{"ZDI3MGEy_PF84_1eb65fdf-9643-417f-9974-ad72cae0e10f", true},
		{"abc+/~.-_==", true},
		{"abc=", true},
		{strings.Repeat("a", maxTokenLen), true},
		{strings.Repeat("a", maxTokenLen+1), false},
		{"", false},
		{"=", false},
		{"ab=c", false},
		{"a b", false},
		{"a\tb", false},
		{"a\r\nb", false},
		{"a\x00b", false},
		{"tökén", false},
		{"a,b", false},
	}
	for _, tt := range tests {
		if got := wellFormed(tt.token); got != tt.want {
			t.Errorf("wellFormed(%q) = %v; want %v", tt.token, got, tt.want)
		}
	}
}
