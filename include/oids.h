/*
 * oids.h - the object identifiers of data/oids.def and their names.
 */
#ifndef MAILPORTS_OIDS_H
#define MAILPORTS_OIDS_H

#include "der.h"

enum mp_oid_kind { MP_OID_ATTR, MP_OID_SIG, MP_OID_KEY, MP_OID_CURVE };

/* The texts are stored in the rows, not pointed to, so that the table
 * costs the program no relocations when it starts. */
struct mp_oid {
	enum mp_oid_kind	 kind;
	char			 dotted[32];
	char			 name[32];
	unsigned		 bits;
};

/* The row of that kind for an OBJECT IDENTIFIER, or NULL. */
const struct mp_oid *mp_oid_find(enum mp_oid_kind kind,
    const struct mp_der *oid);

#endif
