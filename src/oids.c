/*
 * oids.c - the table of data/oids.def, looked up by the dotted form.
 */
#include <string.h>

#include "len.h"
#include "oids.h"

#define OID(kind, dotted, name, bits) \
	_Static_assert(sizeof(dotted) <= MP_OID_TEXT_SIZE && \
	    sizeof(name) <= MP_OID_TEXT_SIZE, "the texts of " name " fit");
#include "oids.def"

static const struct mp_oid oids[] = {
#define OID(kind, dotted, name, bits) { MP_OID_##kind, dotted, name, bits },
#include "oids.def"
};

const struct mp_oid *
mp_oid_find(enum mp_oid_kind kind, const struct mp_der *oid)
{
	/* The longest OID of the table is well within this. */
	char dotted[64];
	size_t i;

	if (!mp_der_oid_text(oid, dotted, sizeof dotted))
		return NULL;
	for (i = 0; i < LEN(oids); i++)
		if (oids[i].kind == kind && strcmp(oids[i].dotted, dotted) == 0)
			return &oids[i];
	return NULL;
}
