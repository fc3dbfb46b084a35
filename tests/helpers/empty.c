/* empty.c - the yardstick for make bench: a C program that does nothing. */
int
main(void)
{
	return 0;
}
