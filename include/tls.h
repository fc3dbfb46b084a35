/*
 * tls.h - the first bytes of a TLS handshake, as a probe sees them: the
 * ClientHello it sends and the records that come back.  A server is
 * untrusted: every reader takes a length, reads no further, and copes
 * with any byte.
 */
#ifndef MAILPORTS_TLS_H
#define MAILPORTS_TLS_H

#include <stddef.h>

/* What came back for a TLS ClientHello. */
enum mp_tls_reply {
	MP_TLS_REPLY_MORE,	/* too little to tell */
	MP_TLS_REPLY_HELLO,	/* a TLS handshake record with a ServerHello */
	MP_TLS_REPLY_ALERT,	/* a TLS alert: TLS, though it refused us */
	MP_TLS_REPLY_NOT	/* not TLS */
};

/*
 * What bytes are, past any warning alerts before a ServerHello.  An
 * alert is TLS spoken, but the handshake refused.
 */
enum mp_tls_reply mp_tls_reply(const unsigned char *bytes, size_t len);
/* The description of the alert that ends bytes' handshake, or -1. */
int mp_tls_alert(const unsigned char *bytes, size_t len);
/* Its name, such as "protocol_version", or NULL for a number unknown. */
const char *mp_tls_alert_name(unsigned description);
/* Its name, or for a number unknown "alert N" written in buf. */
const char *mp_tls_alert_text(char buf[static 16], unsigned description);
/* The alert of a server that takes none of the TLS versions offered. */
#define MP_TLS_ALERT_PROTOCOL_VERSION 70

/*
 * Writes a TLS ClientHello into out (of size at least MP_HELLO_SIZE),
 * offering TLS 1.2 and 1.3, naming server (when it is a host name, not an
 * address) for SNI.  Returns its length.
 */
#define MP_HELLO_SIZE 512
size_t mp_client_hello(unsigned char *out, const char *server);

#endif
