-- A parcel's open case is found by its parcel: the parcel list says which parcels are being
-- handled already (and links to the case instead of offering 立案处置 again), one lookup per
-- parcel read.
CREATE INDEX land_case_parcel ON land_case(parcel_id, status);
