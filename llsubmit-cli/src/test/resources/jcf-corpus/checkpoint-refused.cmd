# @ job_name = ckpt
# @ checkpoint = interval
# @ ckpt_dir = /scratch/ckpt
# @ cluster_list = cluster2 cluster3
# @ wall_clock_limit = 2:0O:00
# @ queue
