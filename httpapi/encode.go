package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/customerdynamics/velocity"
)

// encodeCacheSize is how many recent events keep their encoded stream frame.
const encodeCacheSize = 4096

// frames encodes each event's server-sent-events frame once for every stream of this
// server: all streams that see an event send the same bytes (the callback as the API
// shows it, with its tenant's calling hours), so the thousandth subscriber costs a
// write, not a JSON encoding. Recent frames are kept in a ring by event id.
type frames struct {
	mu   sync.Mutex
	ring [encodeCacheSize]*frame
}

type frame struct {
	id   int64
	once sync.Once
	b    []byte
	err  error
}

// get returns the frame slot of event id, making a new one when the ring holds another.
func (f *frames) get(id int64) *frame {
	f.mu.Lock()
	defer f.mu.Unlock()
	i := id % encodeCacheSize
	if i < 0 {
		i = -i
	}
	fr := f.ring[i]
	if fr == nil || fr.id != id {
		fr = &frame{id: id}
		f.ring[i] = fr
	}
	return fr
}

// encoded returns e's stream frame: "id", "event" and "data" lines.
func (s *Server) encoded(ctx context.Context, e *velocity.Event) ([]byte, error) {
	encode := func() ([]byte, error) {
		b, err := json.Marshal(eventView{Event: *e, Callback: s.viewer(ctx, e.TenantID).callback(e.Callback)})
		if err != nil {
			return nil, err
		}
		return []byte(fmt.Sprintf("id: %d\nevent: %s\ndata: %s\n\n", e.ID, e.Type, b)), nil
	}
	if e.ID == 0 {
		return encode()
	}
	fr := s.frames.get(e.ID)
	fr.once.Do(func() { fr.b, fr.err = encode() })
	return fr.b, fr.err
}
