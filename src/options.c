/*
 * options.c - the words of the option rows that other data files hold.
 */
#include "options.h"

#define CONFIG(id, name, kind, needs, oauth2, help) " " name
const char mp_config_values[] = ""
#include "configs.def"
    ;
