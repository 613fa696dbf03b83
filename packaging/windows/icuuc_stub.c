/*
 * Build-host-only stand-in for Windows 10's system icuuc.dll.  NEVER SHIPPED.
 *
 * PySide6 >= 6.10's Qt6Core.dll imports about twenty ucnv_* functions from the
 * icuuc.dll that every Windows 10 (1703+) and 11 carries in System32.  Wine 8 has
 * none, so under Wine Qt6Core.dll does not even load.  packaging/windows/dist_windows.py
 * compiles this file with mingw-w64 into the build prefix's system32 only; the
 * bundle never contains it (tests/windows/test_windows_bundle.py checks every DLL
 * of the bundle against the marker below and against Wine's own files).
 *
 * Every function fails the way ICU fails: ucnv_open() returns no converter and an
 * error code, so Qt falls back to its built-in codecs (UTF-8/16/32, Latin-1, and
 * the system code page through the Win32 API), which is all this program uses.
 */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)
#define U_FILE_ACCESS_ERROR 4

typedef int UErrorCode;
typedef uint16_t UChar;
typedef int8_t UBool;
typedef struct UConverter UConverter;
typedef void (*Callback)(void);

/* Found by tests/windows/test_windows_bundle.py in any file that must not ship. */
EXPORT const char xxgk_build_host_stub_marker[] = "xxgk-report build-host stand-in for icuuc.dll; never ship";

static void fail(UErrorCode *err)
{
    if (err != NULL && *err <= 0)
        *err = U_FILE_ACCESS_ERROR;
}

EXPORT UConverter *ucnv_open(const char *name, UErrorCode *err) { (void)name; fail(err); return NULL; }
EXPORT void ucnv_close(UConverter *cnv) { (void)cnv; }
EXPORT void ucnv_reset(UConverter *cnv) { (void)cnv; }
EXPORT int8_t ucnv_getMaxCharSize(const UConverter *cnv) { (void)cnv; return 1; }
EXPORT const char *ucnv_getName(const UConverter *cnv, UErrorCode *err) { (void)cnv; fail(err); return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }

EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{
    (void)name; (void)standard; fail(err); return NULL;
}

EXPORT void ucnv_getToUCallBack(const UConverter *cnv, Callback *action, const void **context)
{
    (void)cnv;
    if (action) *action = NULL;
    if (context) *context = NULL;
}

EXPORT void ucnv_getFromUCallBack(const UConverter *cnv, Callback *action, const void **context)
{
    (void)cnv;
    if (action) *action = NULL;
    if (context) *context = NULL;
}

EXPORT void ucnv_setToUCallBack(UConverter *cnv, Callback action, const void *context, Callback *old_action,
                                const void **old_context, UErrorCode *err)
{
    (void)cnv; (void)action; (void)context;
    if (old_action) *old_action = NULL;
    if (old_context) *old_context = NULL;
    fail(err);
}

EXPORT void ucnv_setFromUCallBack(UConverter *cnv, Callback action, const void *context, Callback *old_action,
                                  const void **old_context, UErrorCode *err)
{
    (void)cnv; (void)action; (void)context;
    if (old_action) *old_action = NULL;
    if (old_context) *old_context = NULL;
    fail(err);
}

EXPORT void ucnv_toUnicode(UConverter *cnv, UChar **target, const UChar *target_limit, const char **source,
                           const char *source_limit, int32_t *offsets, UBool flush, UErrorCode *err)
{
    (void)cnv; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush;
    fail(err);
}

EXPORT void ucnv_fromUnicode(UConverter *cnv, char **target, const char *target_limit, const UChar **source,
                             const UChar *source_limit, int32_t *offsets, UBool flush, UErrorCode *err)
{
    (void)cnv; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush;
    fail(err);
}

EXPORT int32_t ucnv_toUCountPending(const UConverter *cnv, UErrorCode *err) { (void)cnv; fail(err); return -1; }
EXPORT int32_t ucnv_fromUCountPending(const UConverter *cnv, UErrorCode *err) { (void)cnv; fail(err); return -1; }

EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *source, int32_t length, int32_t offset_index,
                                  UErrorCode *err)
{
    (void)args; (void)source; (void)length; (void)offset_index; fail(err);
}

EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **source, const UChar *source_limit,
                                    int32_t offset_index, UErrorCode *err)
{
    (void)args; (void)source; (void)source_limit; (void)offset_index; fail(err);
}

/* The standard substitution callbacks: never reached, since no converter ever opens. */
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const UChar *code_units,
                                            int32_t length, int32_t code_point, int reason, UErrorCode *err)
{
    (void)context; (void)args; (void)code_units; (void)length; (void)code_point; (void)reason; fail(err);
}

EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const char *code_units, int32_t length,
                                          int reason, UErrorCode *err)
{
    (void)context; (void)args; (void)code_units; (void)length; (void)reason; fail(err);
}
