package secret

import (
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// Node projects often write exp in milliseconds (Date.now() + ttl): such a
// token in a Swagger example expired long ago all the same.
func TestJWTExpiryInMilliseconds(t *testing.T) {
	tests := []struct {
		name, payload string
		want          int
	}{
		{"expired, in milliseconds", `{"sub":71,"iat":1619752577033,"exp":1622344577031,"type":"refresh"}`, 0},
		{"valid until 2100, in milliseconds", `{"sub":71,"iat":1619752577033,"exp":4102444800000,"type":"refresh"}`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line := " *             example:\n *               refreshToken: " + jwtOf(tt.payload) + "\n"
			got := run(scan.File{Path: "src/routes/v1/auth-route.ts", Data: []byte(line)})
			if len(got) != tt.want {
				t.Errorf("secrets = %+v, want %d", got, tt.want)
			}
		})
	}
}
