/*
 * oids.h - the object identifiers of data/oids.def and their names.
 */
#ifndef MAILPORTS_OIDS_H
#define MAILPORTS_OIDS_H

#include "der.h"

enum mp_oid_kind { MP_OID_ATTR, MP_OID_SIG, MP_OID_KEY, MP_OID_CURVE };

/*
 * A row holds its texts rather than pointers to them: each pointer would
 * cost a relocation at every start of the program, a lookup of a port
 * included, for a table only certificates read.
 */
#define MP_OID_TEXT_SIZE 32
struct mp_oid {
	enum mp_oid_kind	 kind;
	char			 dotted[MP_OID_TEXT_SIZE];
	char			 name[MP_OID_TEXT_SIZE];
	unsigned		 bits;
};

/* The row of that kind for an OBJECT IDENTIFIER, or NULL. */
const struct mp_oid *mp_oid_find(enum mp_oid_kind kind,
    const struct mp_der *oid);

#endif
