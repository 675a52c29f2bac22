#!/bin/bash
# SciNet-style three-step WRF job: the file itself is the executable and
# branches on $LOADL_STEP_NAME.
#
# @ job_name        = wrf_$(user)
# @ job_type        = parallel
# @ class           = verylong
# @ node            = 2
# @ tasks_per_node  = 64
# @ wall_clock_limit = 48:00:00
# @ notification    = never ##always
# @ output          = $(job_name).$(jobid).$(step_name).out
# @ error           = $(output)
# @ environment     = $NEXTSTEP; $NOWPS; MP_INFOLEVEL=1; \
#                     MP_EAGER_LIMIT=64K; \
#                     OMP_NUM_THREADS=1;
# @ step_name       = wps
# @ queue
#
# @ step_name       = wrf
# @ dependency      = (wps == 0)
# @ resources       = ConsumableCpus(4) ConsumableMemory(2 gb)
# @ queue
#
# @ step_name       = post
# @ dependency      = (wrf == 0)
# @ class           = serial
# @ queue

case $LOADL_STEP_NAME in
  wps)  ./run_wps.sh ;;
  wrf)  poe ./wrf.exe ;;
  post) ./post.sh ;;
esac
