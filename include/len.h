/*
 * len.h - the number of elements of an array.
 *
 * Only for arrays: given a pointer, it would divide the pointer's size.
 */
#ifndef MAILPORTS_LEN_H
#define MAILPORTS_LEN_H

#define LEN(a) (sizeof (a) / sizeof (a)[0])

#endif
