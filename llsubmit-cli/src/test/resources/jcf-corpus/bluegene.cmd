# @ job_name = bgq_run
# @ job_type = bluegene
# @ bg_size = 512
# @ bg_connectivity = Torus
# @ wall_clock_limit = 00:30:00
# @ class = n512
# @ queue
runjob --np 8192 --ranks-per-node 16 : ./a.out
