#!/usr/bin/env python3
# relocate.py - the generated data of bench/relocate.sh: 100 zone boundaries and 100,000 project
# points, deterministic. Commands:
#   relocate.py orgs ZONES                 the zones as org import rows (name, type, parent, ...)
#   relocate.py boundaries N DIR           zone K's PUT /api/land/boundaries body in DIR/bK.json,
#                                          for K < N
#   relocate.py projects IDS PER_ZONE      SQL inserting PER_ZONE points for each zone id in IDS
#                                          (comma-separated, in the order of K)
# Zone K is a 256-vertex outline (a wavy ring, radius 0.06° ± 20 %) centred in its own 0.2°
# cell of a 10-column grid over Liaoning; its points fall anywhere in the cell, so about half
# lie outside the outline's bounding box and most of the rest are tested by GEOS.
import json
import math
import random
import sys


def centre(k):
    return 122.0 + 0.2 * (k % 10), 40.0 + 0.2 * (k // 10)


def ring(k):
    cx, cy = centre(k)
    pts = []
    for i in range(256):
        t = 2 * math.pi * i / 256
        r = 0.06 * (1 + 0.2 * math.sin(5 * t + k))
        pts.append([round(cx + r * math.cos(t), 7), round(cy + r * math.sin(t), 7)])
    pts.append(pts[0])
    return pts


def main():
    cmd = sys.argv[1]
    if cmd == 'orgs':
        for k in range(int(sys.argv[2])):
            print(f'压测开发区{k}\tzone\t东洲区\tprovincial\t\t1')
    elif cmd == 'boundaries':
        for k in range(int(sys.argv[2])):
            geo = {'type': 'Polygon', 'coordinates': [ring(k)]}
            with open(f'{sys.argv[3]}/b{k}.json', 'w') as f:
                f.write(json.dumps({'approved_ha': '1000', 'geojson': json.dumps(geo)}))
    elif cmd == 'projects':
        ids = [int(x) for x in sys.argv[2].split(',')]
        per = int(sys.argv[3])
        rnd = random.Random(20261130)
        print('BEGIN;')
        for k, zid in enumerate(ids):
            cx, cy = centre(k)
            rows = []
            for i in range(per):
                x = round(cx + rnd.uniform(-0.1, 0.1), 6)
                y = round(cy + rnd.uniform(-0.1, 0.1), 6)
                geo = f'{{"type":"Point","coordinates":[{x},{y}]}}'
                rows.append(f"({zid},'压测项目{k}-{i}',{i % 2},'{geo}','outside',"
                            "'2026-01-01T00:00:00Z','2026-01-01T00:00:00Z')")
                if len(rows) == 500:
                    print('INSERT INTO land_project (zone_id, name, industrial, geojson, where_code, '
                          'created_at, updated_at) VALUES ' + ','.join(rows) + ';')
                    rows = []
            if rows:
                print('INSERT INTO land_project (zone_id, name, industrial, geojson, where_code, '
                      'created_at, updated_at) VALUES ' + ','.join(rows) + ';')
        print('COMMIT;')


main()
