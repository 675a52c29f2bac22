#!/bin/sh
# Three steps sharing this script; each step branches on LOADL_STEP_NAME.
# @ job_name = ocean
# @ class = short
# @ output = ocean.$(jobid).$(stepid).out
# @ error = $(output)
# @ step_name = prep
# @ queue
# @ step_name = run
# @ class = long
# @ job_type = parallel
# @ node = 2
# @ total_tasks = 64
# @ network.MPI = sn_all,shared,US
# @ dependency = (prep == 0)
# @ queue
# @ step_name = clean
# @ job_type = serial
# @ node =
# @ total_tasks =
# @ dependency = (run == 0 || run != 0) && prep != CC_NOTRUN
# @ queue
case $LOADL_STEP_NAME in
  prep)  ./prep.sh ;;
  run)   poe ./ocean.x ;;
  clean) rm -rf tmp ;;
esac
