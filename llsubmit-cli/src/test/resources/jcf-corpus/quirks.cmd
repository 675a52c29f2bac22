#!/bin/sh
#@job_name=quirks
# @ Class    =dev
#   @   wall_clock_limit =  5:00,4:30.6
# @ notification = never ##always
# @ notify_user =
# @ resources = ConsumableCPUS(2)ConsumableMemory(2 GB)
# @ data_limit = 300Mb
# @ stack_limit = copy,copy
# @ core_limit = rlim_infinity
# @ image_size = 1 gw
# @ arguments = -n 4 "two words" \
#   --verbose
# @ comment = issue#3 stays # but this is a comment
# @ output = $(job_name).$(jobid).out
# @ error = $(output)
# @ queue
# @ resources = ConsumableCpus(8)
echo done
