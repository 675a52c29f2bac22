#!/bin/ksh
# A serial job in the style of a university cluster's template.
# @ job_name = postproc
# @ class = serial
# @ account_no = hpc-1234
# @ output = $(job_name).$(jobid).out
# @ error = $(job_name).$(jobid).err
# @ wall_clock_limit = 02:00:00
# @ resources = ConsumableCpus(1) ConsumableMemory(1500mb)
# @ notification = error
# @ notify_user = $(user)@uni.example
# @ queue
cd $LOADL_STEP_INITDIR
./postproc.x < input.nml
