#ifndef ROUNDTABLE_CGLPK_SHIM_H
#define ROUNDTABLE_CGLPK_SHIM_H
#if __has_include(<glpk.h>)
#include <glpk.h>
#else
#error "GLPK is missing: install it with `sudo apt-get install -y libglpk-dev` (or run `make setup`)."
#endif
#endif
