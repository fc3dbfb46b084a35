/*
 * oids.h - the object identifiers of data/oids.def and their names.
 */
#ifndef MAILPORTS_OIDS_H
#define MAILPORTS_OIDS_H

#include "der.h"

enum mp_oid_kind { MP_OID_ATTR, MP_OID_SIG, MP_OID_KEY, MP_OID_CURVE };

struct mp_oid {
	enum mp_oid_kind	 kind;
	const char		*dotted;
	const char		*name;
	unsigned		 bits;
};

/* The row of that kind for an OBJECT IDENTIFIER, or NULL. */
const struct mp_oid *mp_oid_find(enum mp_oid_kind kind,
    const struct mp_der *oid);

#endif
