/* import_kinds.c - the list of import kinds. A module adds its kind here (and declares it
 * beside its hooks in app/import_<name>.c). */
#include "app/import.h"

extern const struct import_kind import_users;
extern const struct import_kind import_enterprises;
extern const struct import_kind import_taxes;
extern const struct import_kind import_powers;
extern const struct import_kind import_power_cases;
extern const struct import_kind import_budget;
extern const struct import_kind import_people;
extern const struct import_kind import_parcels;
extern const struct import_kind import_platform_sheets;
extern const struct import_kind import_figures;
extern const struct import_kind import_assess;

const struct import_kind *const import_kinds[] = {
    &import_users,           &import_enterprises, &import_taxes,  &import_powers,
    &import_power_cases,     &import_budget,      &import_people, &import_parcels,
    &import_platform_sheets, &import_figures,     &import_assess, NULL,
};
