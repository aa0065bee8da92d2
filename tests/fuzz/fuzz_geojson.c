/* libFuzzer target: the GeoJSON reader, then the geometry rules on whatever it accepts
 * (validity; area and containment of a valid shape against itself). */
#include "fuzz.h"
#include "core/geo.h"
#include "core/geojson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct geo_shape s;
	struct geojson_error e;
	struct geo_problem p = {{0}};
	enum geo_where w;

	arena_init(&a);
	if (geojson_read((const char *)data, size, &a, &s, &e) == 0) {
		struct strbuf sb = STRBUF_INIT;
		struct geo_shape back;
		geojson_write(&sb, &s);
		/* what the writer wrote reads back */
		if (geojson_read(sb.buf, sb.len, &a, &back, &e) != 0 || back.kind != s.kind)
			__builtin_trap();
		strbuf_release(&sb);
		if (s.kind != GEO_POINT && geo_validate(&s, &p) == 0) {
			if (geo_area_m2x100(&s) < 0)
				__builtin_trap();
			if (geo_locate(&s, &s, &w, &p) == 0 && w != GEO_INSIDE)
				__builtin_trap(); /* a valid shape lies within itself */
		}
	} else if (!e.message[0]) {
		__builtin_trap(); /* every refusal says why */
	}
	arena_release(&a);
	return 0;
}
