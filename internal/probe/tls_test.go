package probe

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"log"
	"math/big"
	"net"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// expiredServer serves the fake API with a certificate, signed by a CA
// in the returned pool, that expired yesterday.
func expiredServer(t *testing.T) (*httptest.Server, *x509.CertPool) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ca := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "vetfolio test CA"},
		NotBefore: time.Now().Add(-48 * time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, _ := x509.ParseCertificate(caDER)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-48 * time.Hour), NotAfter: time.Now().Add(-24 * time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		KeyUsage: x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, leaf, caCert, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(newFakeAPI())
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	pool := x509.NewCertPool()
	pool.AddCert(caCert)
	return srv, pool
}

func TestTLSExpired(t *testing.T) {
	srv, pool := expiredServer(t)
	cfg := testConfig(srv.URL)
	cfg.RootCAs = pool
	live := run(t, cfg)
	if live.Reachable || !live.HTTPS || !strings.Contains(live.TLSError, "expired") {
		t.Errorf("reachable=%v https=%v tls error=%q", live.Reachable, live.HTTPS, live.TLSError)
	}
}

func TestPlainHTTPOnTLSPort(t *testing.T) {
	api := newFakeAPI()
	srv := newTLSServer(api)
	t.Cleanup(srv.Close)
	live := run(t, testConfig(strings.Replace(srv.URL, "https://", "http://", 1)))
	// Go's TLS server answers plain HTTP with a 400: reachable, not HTTPS.
	if live.HTTPS || live.Status != 400 {
		t.Errorf("https=%v status=%d error=%q", live.HTTPS, live.Status, live.Error)
	}
}
