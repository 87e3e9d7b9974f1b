// Package tzdb is the IANA time zone database the product uses, embedded in the binary,
// so that calling hours and daylight saving are computed the same on every machine,
// whatever zoneinfo the system has (or lacks). zoneinfo.zip is Go's distribution of the
// IANA data (from $GOROOT/lib/time); `make tzdata` refreshes it from the installed Go.
package tzdb

import (
	"archive/zip"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"sync"
	"time"
)

//go:embed zoneinfo.zip
var zoneinfo []byte

var (
	once  sync.Once
	files map[string]*zip.File
	cache sync.Map // name -> *time.Location
	err   error
)

func open() {
	r, e := zip.NewReader(bytes.NewReader(zoneinfo), int64(len(zoneinfo)))
	if e != nil {
		err = e
		return
	}
	files = make(map[string]*zip.File, len(r.File))
	for _, f := range r.File {
		files[f.Name] = f
	}
}

// Load returns the named IANA zone ("America/New_York") from the embedded database.
// "UTC" is always known; "Local" and names not in the database are errors.
func Load(name string) (*time.Location, error) {
	if name == "UTC" {
		return time.UTC, nil
	}
	if loc, ok := cache.Load(name); ok {
		return loc.(*time.Location), nil
	}
	once.Do(open)
	if err != nil {
		return nil, err
	}
	f, ok := files[name]
	if !ok || name == "Local" {
		return nil, fmt.Errorf("unknown time zone %q", name)
	}
	rc, e := f.Open()
	if e != nil {
		return nil, e
	}
	defer rc.Close()
	data, e := io.ReadAll(io.LimitReader(rc, 1<<20))
	if e != nil {
		return nil, e
	}
	loc, e := time.LoadLocationFromTZData(name, data)
	if e != nil {
		return nil, e
	}
	actual, _ := cache.LoadOrStore(name, loc)
	return actual.(*time.Location), nil
}
